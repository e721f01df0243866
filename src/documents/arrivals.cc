#include "documents/arrivals.h"

#include <fmt/format.h>

#include "core/base/time.h"
#include "core/files/file_store.h"
#include "core/outbox/outbox.h"
#include "documents/events.h"
#include "documents/incoming.h"

namespace tinhso::documents {

using boost::json::array;
using boost::json::object;
using boost::json::value;

std::string_view recipient_status_label(std::string_view status) {
  if (status == "pending") return "Chờ gửi";
  if (status == "sent") return "Đã gửi";
  if (status == "received") return "Đã vào sổ";
  if (status == "refused") return "Bị từ chối";
  if (status == "assigned") return "Đã giao xử lý";
  if (status == "processing") return "Đang xử lý";
  if (status == "done") return "Đã xử lý xong";
  if (status == "failed") return "Gửi không thành công";
  return status;
}

Result<int64_t> record_arrival(audit::ChangeTx& tx, const ArrivalInput& in) {
  storage::Tx& sql = tx.sql();
  TS_ASSIGN_OR_RETURN(
      auto rows,
      sql.query("INSERT INTO document_arrivals (unit_id, recipient_id, issuer_name, issuer_code, "
                "notation, issued_on, doc_type, subject, urgency, confidentiality, pages, "
                "signer_name, received_at, status, exchange_id, edxml_document_id) VALUES ($1, "
                "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'pending', $14, $15) "
                "RETURNING id",
                {in.unit_id, in.recipient_id, in.issuer_name, in.issuer_code, in.notation,
                 in.issued_on, in.doc_type, in.subject, in.urgency, in.confidentiality, in.pages,
                 in.signer_name, tx.now_ms(), in.exchange_id, in.edxml_document_id}));
  int64_t id = rows.front().i64(0);
  for (int64_t f : in.file_ids) {
    TS_TRY(sql.exec("INSERT INTO document_arrival_files (arrival_id, file_id) VALUES ($1, $2)",
                    {id, f}));
  }
  TS_TRY(tx.record(
      "document.arrival.receive", "document_arrival", id,
      object{{"unit_id", in.unit_id}, {"notation", in.notation}, {"issuer", in.issuer_name}}));
  return id;
}

Result<std::optional<ArrivalState>> load_arrival_state(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, unit_id, status FROM document_arrivals "
                                          "WHERE id = $1",
                                          {id}));
  if (rows.empty()) return std::optional<ArrivalState>();
  auto r = rows.front();
  return std::optional<ArrivalState>(ArrivalState{r.i64(0), r.i64(1), r.str(2)});
}

namespace {

Status claim_pending(storage::Tx& sql, int64_t arrival_id, std::string_view status, int64_t now_ms,
                     std::optional<int64_t> by, const std::optional<std::string>& reason) {
  TS_ASSIGN_OR_RETURN(auto changed,
                      sql.query("UPDATE document_arrivals SET status = $2, decided_at = $3, "
                                "decided_by = $4, refusal_reason = $5 WHERE id = $1 AND status = "
                                "'pending' RETURNING id",
                                {arrival_id, status, now_ms, by, reason}));
  if (changed.empty())
    return Error::conflict(
        "document.stale", "Văn bản này vừa được người khác vào sổ hoặc từ chối. Vui lòng tải lại.");
  return ok_status();
}

}  // namespace

Result<int64_t> register_arrival(audit::ChangeTx& tx, int64_t arrival_id) {
  storage::Tx& sql = tx.sql();
  TS_ASSIGN_OR_RETURN(
      auto rows,
      sql.query("SELECT unit_id, recipient_id, issuer_name, issuer_code, notation, issued_on, "
                "doc_type, subject, urgency, confidentiality, pages FROM document_arrivals WHERE "
                "id = $1",
                {arrival_id}));
  if (rows.empty()) return Error::not_found("Không tìm thấy văn bản điện tử đến.");
  auto r = rows.front();
  TS_TRY(claim_pending(sql, arrival_id, "registered", tx.now_ms(), tx.actor().id, std::nullopt));
  IncomingInput in;
  in.unit_id = r.i64(0);
  in.channel = "electronic";
  in.issuer_name = r.str(2);
  in.issuer_code = r.opt_str(3);
  in.notation = r.str(4);
  TS_ASSIGN_OR_RETURN(in.issued_on, parse_iso_date(r.view(5)));
  in.doc_type = r.str(6);
  in.subject = r.str(7);
  in.urgency = r.str(8);
  in.confidentiality = r.str(9);
  in.pages = r.opt_i64(10);
  TS_ASSIGN_OR_RETURN(auto files, sql.query("SELECT file_id FROM document_arrival_files WHERE "
                                            "arrival_id = $1 ORDER BY file_id",
                                            {arrival_id}));
  for (auto f : files) in.file_ids.push_back(f.i64(0));
  std::optional<int64_t> recipient = r.opt_i64(1);
  TS_ASSIGN_OR_RETURN(int64_t incoming_id, insert_incoming(tx, in, recipient));
  TS_TRY(sql.exec("UPDATE document_arrivals SET incoming_id = $2 WHERE id = $1",
                  {arrival_id, incoming_id}));
  TS_TRY(sql.exec("UPDATE incoming_documents SET source_arrival_id = $2 WHERE id = $1",
                  {incoming_id, arrival_id}));
  TS_TRY(report_to_sender(tx, arrival_id, "received", std::nullopt));
  return incoming_id;
}

Status refuse_arrival(audit::ChangeTx& tx, int64_t arrival_id, const std::string& reason) {
  storage::Tx& sql = tx.sql();
  TS_ASSIGN_OR_RETURN(auto rows, sql.query("SELECT id, notation FROM document_arrivals "
                                           "WHERE id = $1",
                                           {arrival_id}));
  if (rows.empty()) return Error::not_found("Không tìm thấy văn bản điện tử đến.");
  TS_TRY(claim_pending(sql, arrival_id, "refused", tx.now_ms(), tx.actor().id, reason));
  TS_TRY(tx.record("document.arrival.refuse", "document_arrival", arrival_id,
                   object{{"reason", reason}, {"notation", rows.front().str(1)}}));
  return report_to_sender(tx, arrival_id, "refused", reason);
}

namespace {

constexpr std::string_view kArrivalColumns =
    "a.id, a.unit_id, a.issuer_name, a.issuer_code, a.notation, a.issued_on, a.doc_type, "
    "a.subject, a.urgency, a.confidentiality, a.pages, a.signer_name, a.received_at, a.status, "
    "a.incoming_id, a.refusal_reason";

object arrival_json(const storage::Rows::Row& r) {
  return object{{"id", r.i64(0)},
                {"unit_id", r.i64(1)},
                {"issuer", object{{"name", r.str(2)},
                                  {"code", r.is_null(3) ? value(nullptr) : value(r.str(3))}}},
                {"notation", r.str(4)},
                {"issued_on", r.str(5)},
                {"doc_type", doc_type_json(r.view(6))},
                {"subject", r.str(7)},
                {"urgency", urgency_json(r.view(8))},
                {"confidentiality", confidentiality_json(r.view(9))},
                {"pages", r.is_null(10) ? value(nullptr) : value(r.i64(10))},
                {"signer_name", r.is_null(11) ? value(nullptr) : value(r.str(11))},
                {"received_at", format_rfc3339(from_millis(r.i64(12)))},
                {"status", r.str(13)},
                {"incoming_id", r.is_null(14) ? value(nullptr) : value(r.i64(14))},
                {"refusal_reason", r.is_null(15) ? value(nullptr) : value(r.str(15))}};
}

}  // namespace

Result<storage::Keyed<value>> list_arrivals(storage::Tx& tx, int64_t unit_id,
                                            std::string_view status, int limit,
                                            std::optional<storage::SortKey> after) {
  storage::QueryBuilder b(
      fmt::format("SELECT {} FROM document_arrivals a WHERE a.unit_id = ", kArrivalColumns));
  b.add(b.bind(unit_id) + " AND a.status = " + b.bind(std::string(status)));
  storage::add_keyset(b, "a.received_at", "a.id", storage::Direction::kDescending, after, limit);
  TS_ASSIGN_OR_RETURN(auto rows, b.query(tx));
  storage::Keyed<value> out;
  for (auto r : rows) {
    out.rows.push_back(arrival_json(r));
    out.keys.push_back({r.i64(12), r.i64(0)});
  }
  return out;
}

Result<std::optional<object>> find_arrival(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT {} FROM document_arrivals a WHERE a.id = $1", kArrivalColumns),
               {id}));
  if (rows.empty()) return std::optional<object>();
  object o = arrival_json(rows.front());
  TS_ASSIGN_OR_RETURN(auto files,
                      tx.query(fmt::format("SELECT {} FROM document_arrival_files af JOIN files f "
                                           "ON f.id = af.file_id WHERE af.arrival_id = $1 ORDER BY "
                                           "f.id",
                                           files::kFileSummaryColumns),
                               {id}));
  array list;
  for (auto f : files) list.push_back(files::file_summary_json(f));
  o["files"] = std::move(list);
  return std::optional<object>(std::move(o));
}

Status report_recipient_status(audit::ChangeTx& tx, int64_t recipient_id, std::string_view status,
                               const std::optional<std::string>& note) {
  storage::Tx& sql = tx.sql();
  TS_ASSIGN_OR_RETURN(auto rows,
                      sql.query("UPDATE outgoing_recipients SET status = $2, status_at = $3, "
                                "status_note = $4 WHERE id = $1 RETURNING document_id, name",
                                {recipient_id, status, tx.now_ms(), note}));
  if (rows.empty()) return ok_status();  // the sender's entry is gone: nothing to tell
  return record_event(tx, Event{Subject::kOutgoing,
                                rows.front().i64(0),
                                "recipient_status",
                                note,
                                object{{"recipient_id", recipient_id},
                                       {"recipient", rows.front().str(1)},
                                       {"status", status},
                                       {"status_label", recipient_status_label(status)}},
                                {}});
}

Status report_to_sender(audit::ChangeTx& tx, int64_t arrival_id, std::string_view status,
                        std::optional<std::string> note) {
  storage::Tx& sql = tx.sql();
  TS_ASSIGN_OR_RETURN(auto rows, sql.query("SELECT recipient_id, exchange_id, issuer_code FROM "
                                           "document_arrivals WHERE id = $1",
                                           {arrival_id}));
  if (rows.empty()) return ok_status();
  auto r = rows.front();
  if (auto recipient = r.opt_i64(0)) return report_recipient_status(tx, *recipient, status, note);
  if (r.is_null(1) || r.is_null(2)) return ok_status();  // registered from paper: no sender
  // The edXML status message is written, signed and sent by the outbox (exchange/outbound.cc).
  object payload{{"kind", "status"},
                 {"arrival_id", arrival_id},
                 {"status", status},
                 {"staff", tx.actor().name},
                 {"at", tx.now_ms()}};
  if (note) payload["note"] = *note;
  return outbox::enqueue(sql,
                         outbox::Message{"edxml", r.str(2), std::move(payload),
                                         fmt::format("edxml-status-{}-{}", arrival_id, status),
                                         "document_arrival", std::to_string(arrival_id)},
                         tx.now_ms());
}

}  // namespace tinhso::documents
