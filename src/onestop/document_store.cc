#include "onestop/document_store.h"

#include <fmt/format.h>

#include "core/base/time.h"
#include "core/files/file_store.h"

namespace tinhso::onestop {

using boost::json::object;
using boost::json::value;

Status keep_in_store(storage::Tx& tx, const StoreItem& item, int64_t now_ms) {
  TS_TRY(
      tx.exec("INSERT INTO personal_documents (applicant_id, file_id, kind, title, dossier_id, "
              "issued_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT "
              "(applicant_id, file_id) DO NOTHING",
              {item.applicant_id, item.file_id, item.kind, item.title, item.dossier_id,
               item.issued_by, now_ms}));
  return ok_status();
}

Result<bool> in_store(storage::Tx& tx, int64_t applicant_id, int64_t file_id) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT 1 FROM personal_documents WHERE applicant_id "
                                          "= $1 AND file_id = $2 AND removed_at IS NULL",
                                          {applicant_id, file_id}));
  return !rows.empty();
}

Result<boost::json::array> list_store(storage::Tx& tx, int64_t applicant_id) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT p.id, p.kind, p.title, p.issued_by, p.created_at, d.code, "
                           "(SELECT count(*) FROM file_signatures s WHERE s.file_id = f.id), {} "
                           "FROM personal_documents p JOIN files f ON f.id = p.file_id LEFT JOIN "
                           "dossiers d ON d.id = p.dossier_id WHERE p.applicant_id = $1 AND "
                           "p.removed_at IS NULL ORDER BY p.id DESC LIMIT 500",
                           files::kFileSummaryColumns),
               {applicant_id}));
  boost::json::array out;
  for (auto r : rows) {
    out.push_back(
        object{{"id", r.i64(0)},
               {"kind", r.str(1)},
               {"kind_label", r.view(1) == "result" ? "Kết quả giải quyết" : "Giấy tờ đã nộp"},
               {"title", r.str(2)},
               {"issued_by", r.is_null(3) ? value(nullptr) : value(r.str(3))},
               {"created_at", format_rfc3339(from_millis(r.i64(4)))},
               {"dossier_code", r.is_null(5) ? value(nullptr) : value(r.str(5))},
               {"signed", r.i64(6) > 0},
               {"file", files::file_summary_json(r, 7)}});
  }
  return out;
}

Result<int64_t> store_file(storage::Tx& tx, int64_t applicant_id, int64_t item_id) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT file_id FROM personal_documents WHERE id = $1 "
                                          "AND applicant_id = $2 AND removed_at IS NULL",
                                          {item_id, applicant_id}));
  if (rows.empty()) return Error::not_found("Không tìm thấy giấy tờ trong kho của bạn.");
  return rows.front().i64(0);
}

Status remove_from_store(audit::ChangeTx& tx, int64_t applicant_id, int64_t item_id) {
  TS_ASSIGN_OR_RETURN(int64_t n, tx.sql().exec("UPDATE personal_documents SET removed_at = $1 "
                                               "WHERE id = $2 AND applicant_id = $3 AND "
                                               "removed_at IS NULL",
                                               {tx.now_ms(), item_id, applicant_id}));
  if (n == 0) return Error::not_found("Không tìm thấy giấy tờ trong kho của bạn.");
  return tx.record("personal_document.remove", "personal_document", item_id,
                   object{{"applicant_id", applicant_id}});
}

}  // namespace tinhso::onestop
