#include "documents/work_files.h"

#include <fmt/format.h>

#include "core/base/json.h"
#include "core/base/text.h"
#include "core/storage/query_builder.h"

namespace tinhso::documents {

using boost::json::array;
using boost::json::object;
using boost::json::value;

namespace {

constexpr const char* kColumns =
    "w.id, w.unit_id, u.name, w.year, w.code, w.title, w.retention_years, w.keeper_id, "
    "o.full_name, w.status, w.note, w.opened_at, w.archived_at, w.keep_until, w.version, "
    "(SELECT COUNT(*) FROM work_file_documents d WHERE d.work_file_id = w.id)";

object work_file_json(const storage::Rows::Row& r) {
  bool archived = r.view(9) == "archived";
  return object{{"id", r.i64(0)},
                {"unit", object{{"id", r.i64(1)}, {"name", r.str(2)}}},
                {"year", r.i64(3)},
                {"code", r.str(4)},
                {"title", r.str(5)},
                {"retention", r.is_null(6) ? object{{"years", nullptr}, {"label", "Vĩnh viễn"}}
                                           : object{{"years", r.i64(6)},
                                                    {"label", fmt::format("{} năm", r.i64(6))}}},
                {"keeper", object{{"id", r.i64(7)}, {"name", r.str(8)}}},
                {"status", object{{"key", r.str(9)},
                                  {"label", archived ? "Đã nộp lưu trữ" : "Đang lập hồ sơ"}}},
                {"note", r.is_null(10) ? value(nullptr) : value(r.str(10))},
                {"opened_at", format_rfc3339(from_millis(r.i64(11)))},
                {"archived_at",
                 r.is_null(12) ? value(nullptr) : value(format_rfc3339(from_millis(r.i64(12))))},
                {"keep_until", r.is_null(13) ? value(nullptr) : value(r.str(13))},
                {"version", r.i64(14)},
                {"document_count", r.i64(15)}};
}

Status expect_open(const WorkFileState& w) {
  if (w.status != "open")
    return Error::conflict("work_file.archived",
                           "Hồ sơ đã nộp lưu trữ; không thêm, bớt văn bản được nữa.");
  return ok_status();
}

}  // namespace

Result<WorkFileInput> read_work_file(const value& v) {
  json::FieldReader r(v);
  WorkFileInput in;
  in.unit_id = r.required_int("unit_id", 1, INT64_MAX);
  in.code = r.required_string("code", 40);
  in.title = r.required_string("title", 1000);
  bool permanent = r.optional_bool("permanent").value_or(false);
  auto years = r.optional_int("retention_years", 1, 100);
  if (permanent && years)
    r.fail("retention_years", "Chọn một: thời hạn bảo quản (năm) hoặc vĩnh viễn.");
  else if (!permanent && !years)
    r.fail("retention_years", "Cần thời hạn bảo quản (số năm) hoặc vĩnh viễn.");
  if (years) in.retention_years = static_cast<int>(*years);
  in.note = r.optional_string("note", 2000);
  TS_TRY(r.finish());
  return in;
}

Result<std::optional<WorkFileState>> load_work_file_state(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, unit_id, keeper_id, status, version FROM "
                                          "work_files WHERE id = $1",
                                          {id}));
  if (rows.empty()) return std::optional<WorkFileState>();
  auto r = rows.front();
  return std::optional<WorkFileState>(
      WorkFileState{r.i64(0), r.i64(1), r.i64(2), r.str(3), r.i64(4)});
}

Result<int64_t> open_work_file(audit::ChangeTx& tx, const WorkFileInput& in) {
  if (!tx.actor().id) return Error::forbidden("Chỉ cán bộ mới lập hồ sơ công việc.");
  storage::Tx& sql = tx.sql();
  int year = static_cast<int>(local_date(tx.now()).year());
  TS_ASSIGN_OR_RETURN(auto taken, sql.query("SELECT id FROM work_files WHERE unit_id = $1 AND "
                                            "year = $2 AND code = $3",
                                            {in.unit_id, int64_t{year}, in.code}));
  if (!taken.empty())
    return Error::conflict("work_file.duplicate_code",
                           fmt::format("Ký hiệu hồ sơ \"{}\" đã dùng trong năm {}.", in.code, year),
                           object{{"existing_id", taken.front().i64(0)}});
  std::optional<int64_t> years;
  if (in.retention_years) years = *in.retention_years;
  TS_ASSIGN_OR_RETURN(
      auto rows,
      sql.query("INSERT INTO work_files (unit_id, year, code, title, retention_years, keeper_id, "
                "status, note, opened_at, folded) VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, "
                "$8, $9) RETURNING id",
                {in.unit_id, int64_t{year}, in.code, in.title, years, *tx.actor().id, in.note,
                 tx.now_ms(), text::fold(in.code + " " + in.title)}));
  int64_t id = rows.front().i64(0);
  TS_TRY(tx.record("work_file.open", "work_file", id,
                   object{{"unit_id", in.unit_id}, {"code", in.code}, {"title", in.title}}));
  return id;
}

Status add_to_work_file(audit::ChangeTx& tx, const WorkFileState& w, std::string_view kind,
                        int64_t document_id) {
  TS_TRY(expect_open(w));
  storage::Tx& sql = tx.sql();
  TS_ASSIGN_OR_RETURN(auto there, sql.query("SELECT 1 FROM work_file_documents WHERE "
                                            "work_file_id = $1 AND kind = $2 AND document_id = $3",
                                            {w.id, kind, document_id}));
  if (!there.empty()) {  // already in it: nothing to do
    tx.mark_unchanged();
    return ok_status();
  }
  TS_TRY(
      sql.exec("INSERT INTO work_file_documents (work_file_id, kind, document_id, added_by, "
               "added_at) VALUES ($1, $2, $3, $4, $5)",
               {w.id, kind, document_id, tx.actor().id, tx.now_ms()}));
  TS_TRY(sql.exec("UPDATE work_files SET version = version + 1 WHERE id = $1", {w.id}));
  return tx.record("work_file.add", "work_file", w.id,
                   object{{"kind", kind}, {"document_id", document_id}});
}

Status remove_from_work_file(audit::ChangeTx& tx, const WorkFileState& w, std::string_view kind,
                             int64_t document_id) {
  TS_TRY(expect_open(w));
  storage::Tx& sql = tx.sql();
  TS_ASSIGN_OR_RETURN(auto gone, sql.query("DELETE FROM work_file_documents WHERE work_file_id = "
                                           "$1 AND kind = $2 AND document_id = $3 RETURNING "
                                           "work_file_id",
                                           {w.id, kind, document_id}));
  if (gone.empty()) return Error::not_found("Văn bản không có trong hồ sơ.");
  TS_TRY(sql.exec("UPDATE work_files SET version = version + 1 WHERE id = $1", {w.id}));
  return tx.record("work_file.remove", "work_file", w.id,
                   object{{"kind", kind}, {"document_id", document_id}});
}

Status archive_work_file(audit::ChangeTx& tx, const WorkFileState& w, int64_t version) {
  TS_TRY(expect_open(w));
  storage::Tx& sql = tx.sql();
  TS_ASSIGN_OR_RETURN(auto facts, sql.query("SELECT (SELECT COUNT(*) FROM work_file_documents "
                                            "WHERE work_file_id = w.id), w.retention_years FROM "
                                            "work_files w WHERE w.id = $1",
                                            {w.id}));
  int64_t documents = facts.front().i64(0);
  if (documents == 0)
    return Error::conflict("work_file.empty", "Hồ sơ chưa có văn bản nào; không nộp lưu được.");
  std::optional<std::string> keep_until;
  if (auto y = facts.front().opt_i64(1)) {
    Date today = local_date(tx.now());
    Date until = std::chrono::year_month_day{today.year() + std::chrono::years{*y}, today.month(),
                                             today.day()};
    if (!until.ok())  // 29 February
      until = std::chrono::year_month_day{until.year(), until.month(), std::chrono::day{28}};
    keep_until = format_iso_date(until);
  }
  TS_ASSIGN_OR_RETURN(auto done,
                      sql.query("UPDATE work_files SET status = 'archived', archived_at = $3, "
                                "archived_by = $4, keep_until = $5, version = version + 1 WHERE "
                                "id = $1 AND version = $2 RETURNING id",
                                {w.id, version, tx.now_ms(), tx.actor().id, keep_until}));
  if (done.empty())
    return Error::conflict("work_file.stale",
                           "Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại.");
  object data{{"documents", documents}};
  data["keep_until"] = keep_until ? value(*keep_until) : value(nullptr);
  return tx.record("work_file.archive", "work_file", w.id, std::move(data));
}

Result<array> list_work_files(storage::Tx& tx, const WorkFileQuery& q) {
  storage::QueryBuilder b(fmt::format(
      "SELECT {} FROM work_files w JOIN units u ON u.id = w.unit_id JOIN officials o ON o.id = "
      "w.keeper_id WHERE w.unit_id = ",
      kColumns));
  b.add(b.bind(q.unit_id));
  if (!q.status.empty()) b.add(" AND w.status = " + b.bind(q.status));
  if (q.year) b.add(" AND w.year = " + b.bind(int64_t{q.year}));
  if (q.keep_until_before)
    b.add(" AND w.keep_until IS NOT NULL AND w.keep_until <= " +
          b.bind(format_iso_date(*q.keep_until_before)));
  b.add_words("w.folded", q.text);
  if (q.after) {
    std::string year = b.bind(q.after->year);
    std::string code = b.bind(q.after->code);
    b.add(" AND (w.year < " + year + " OR (w.year = " + year + " AND (w.code > " + code +
          " OR (w.code = " + code + " AND w.id > " + b.bind(q.after->id) + "))))");
  }
  b.add(" ORDER BY w.year DESC, w.code, w.id LIMIT " + b.bind(int64_t{q.limit}));
  TS_ASSIGN_OR_RETURN(auto rows, b.query(tx));
  array out;
  for (auto r : rows) out.push_back(work_file_json(r));
  return out;
}

Result<std::optional<object>> find_work_file(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT {} FROM work_files w JOIN units u ON u.id = w.unit_id JOIN "
                           "officials o ON o.id = w.keeper_id WHERE w.id = $1",
                           kColumns),
               {id}));
  if (rows.empty()) return std::optional<object>();
  object o = work_file_json(rows.front());
  TS_ASSIGN_OR_RETURN(
      auto docs,
      tx.query("SELECT d.kind, d.document_id, d.added_at, COALESCE(i.notation, g.notation), "
               "COALESCE(i.subject, g.subject), COALESCE(i.issued_on, g.issued_on) FROM "
               "work_file_documents d LEFT JOIN incoming_documents i ON d.kind = 'incoming' AND "
               "i.id = d.document_id LEFT JOIN outgoing_documents g ON d.kind = 'outgoing' AND "
               "g.id = d.document_id WHERE d.work_file_id = $1 ORDER BY d.added_at, d.kind, "
               "d.document_id",
               {id}));
  array list;
  for (auto d : docs)
    list.push_back(object{{"kind", d.str(0)},
                          {"id", d.i64(1)},
                          {"added_at", format_rfc3339(from_millis(d.i64(2)))},
                          {"notation", d.is_null(3) ? value(nullptr) : value(d.str(3))},
                          {"subject", d.is_null(4) ? value(nullptr) : value(d.str(4))},
                          {"issued_on", d.is_null(5) ? value(nullptr) : value(d.str(5))}});
  o["documents"] = std::move(list);
  return std::optional<object>(std::move(o));
}

}  // namespace tinhso::documents
