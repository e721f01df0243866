#include "documents/outgoing.h"

#include <fmt/format.h>

#include <set>

#include "core/base/json.h"
#include "core/base/text.h"
#include "core/identity/agency_code.h"
#include "core/storage/query_builder.h"
#include "documents/arrivals.h"
#include "documents/events.h"
#include "documents/incoming.h"
#include "documents/search.h"

namespace tinhso::documents {

using boost::json::array;
using boost::json::object;
using boost::json::value;

namespace {

// A stored status as people read it.
std::string_view outgoing_status_label(std::string_view s) {
  auto status = parse_outgoing_status(s);
  return status ? status_label_vi(*status) : s;
}

// Moves the document to `to` if it is still at `version`.
Status bump(storage::Tx& sql, const OutgoingState& s, int64_t version, OutgoingStatus to,
            int64_t now_ms, std::optional<int64_t> reviewer) {
  TS_ASSIGN_OR_RETURN(auto rows,
                      sql.query("UPDATE outgoing_documents SET status = $3, reviewer_id = $4, "
                                "updated_at = $5, version = version + 1 WHERE id = $1 AND version "
                                "= $2 RETURNING id",
                                {s.id, version, status_name(to), reviewer, now_ms}));
  if (rows.empty())
    return Error::conflict("document.stale",
                           "Văn bản vừa được người khác cập nhật. Vui lòng tải lại.");
  return ok_status();
}

Status write_content(audit::ChangeTx& tx, files::FileStore& files, int64_t id,
                     const DraftInput& in) {
  storage::Tx& sql = tx.sql();
  TS_TRY(files.own_upload(sql, in.main_file_id, tx.actor(), "main_file_id"));
  for (int64_t f : in.attachment_ids)
    TS_TRY(files.own_upload(sql, f, tx.actor(), "attachment_ids"));
  for (int64_t incoming : in.reply_to) {
    TS_ASSIGN_OR_RETURN(auto found,
                        sql.query("SELECT 1 FROM incoming_documents WHERE id = $1", {incoming}));
    if (found.empty())
      return Error::validation("reply_to", "Không tìm thấy văn bản đến được trả lời.");
  }
  TS_TRY(sql.exec("DELETE FROM outgoing_document_files WHERE document_id = $1", {id}));
  TS_TRY(sql.exec("DELETE FROM outgoing_recipients WHERE document_id = $1", {id}));
  TS_TRY(sql.exec("DELETE FROM document_replies WHERE outgoing_id = $1", {id}));
  TS_TRY(
      sql.exec("INSERT INTO outgoing_document_files (document_id, file_id, kind) VALUES ($1, "
               "$2, 'main')",
               {id, in.main_file_id}));
  for (int64_t f : in.attachment_ids) {
    if (f == in.main_file_id) continue;
    TS_TRY(
        sql.exec("INSERT INTO outgoing_document_files (document_id, file_id, kind) VALUES ($1, "
                 "$2, 'attachment')",
                 {id, f}));
  }
  for (int64_t unit : in.recipient_unit_ids) {
    TS_TRY(
        sql.exec("INSERT INTO outgoing_recipients (document_id, unit_id, name, status) SELECT "
                 "$1, id, name, 'pending' FROM units WHERE id = $2",
                 {id, unit}));
  }
  for (const auto& e : in.recipient_agencies) {
    TS_TRY(
        sql.exec("INSERT INTO outgoing_recipients (document_id, agency_code, name, status) "
                 "VALUES ($1, $2, $3, 'pending')",
                 {id, e.code, e.name}));
  }
  for (int64_t incoming : in.reply_to) {
    TS_TRY(sql.exec("INSERT INTO document_replies (outgoing_id, incoming_id) VALUES ($1, $2)",
                    {id, incoming}));
  }
  return index_document(sql, "outgoing", id);
}

object content_json(const DraftInput& in) {
  array recipients, replies;
  for (int64_t u : in.recipient_unit_ids) recipients.push_back(u);
  for (int64_t r : in.reply_to) replies.push_back(r);
  array agencies;
  for (const auto& e : in.recipient_agencies)
    agencies.push_back(object{{"code", e.code}, {"name", e.name}});
  return object{{"subject", in.subject},
                {"doc_type", in.doc_type},
                {"main_file_id", in.main_file_id},
                {"recipient_unit_ids", std::move(recipients)},
                {"recipient_agencies", std::move(agencies)},
                {"reply_to", std::move(replies)}};
}

}  // namespace

Result<DraftInput> read_draft(const value& v, const identity::OrgTree& org,
                              const std::function<bool(std::string_view)>& routable) {
  json::FieldReader r(v);
  DraftInput in;
  in.unit_id = r.required_int("unit_id", 1, INT64_MAX);
  in.drafting_unit_id = r.optional_int("drafting_unit_id", 1, INT64_MAX).value_or(in.unit_id);
  if (in.unit_id > 0 && org.find(in.unit_id) == nullptr)
    r.fail("unit_id", "Cơ quan ban hành không tồn tại.");
  else if (in.drafting_unit_id > 0 && in.unit_id > 0 &&
           (org.find(in.drafting_unit_id) == nullptr ||
            !org.within(in.drafting_unit_id, in.unit_id)))
    r.fail("drafting_unit_id",
           "Đơn vị soạn thảo phải là cơ quan ban hành hoặc đơn vị thuộc cơ quan đó.");
  in.doc_type = r.required_string("doc_type", 40);
  if (!in.doc_type.empty() && find_doc_type(in.doc_type) == nullptr)
    r.fail("doc_type", "Loại văn bản không có trong danh mục theo Nghị định 30/2020/NĐ-CP.");
  in.subject = r.required_string("subject", 2000);
  in.urgency = r.optional_enum("urgency", kUrgencies).value_or("thuong");
  in.confidentiality = r.optional_enum("confidentiality", kConfidentialities).value_or("thuong");
  in.pages = r.optional_int("pages", 1, 100000);
  in.main_file_id = r.required_int("main_file_id", 1, INT64_MAX);
  in.attachment_ids = r.optional_ids("attachment_ids", 50, "Mã tệp không hợp lệ.");
  in.recipient_unit_ids = r.optional_ids("recipient_unit_ids", 500, "Mã đơn vị nhận không hợp lệ.");
  std::set<int64_t> seen;
  for (int64_t u : in.recipient_unit_ids) {
    const auto* unit = org.find(u);
    if (unit == nullptr || !unit->active)
      r.fail("recipient_unit_ids", "Đơn vị nhận không tồn tại.");
    else if (u == in.unit_id)
      r.fail("recipient_unit_ids", "Cơ quan ban hành không gửi văn bản cho chính mình.");
    else if (!seen.insert(u).second)
      r.fail("recipient_unit_ids", "Một đơn vị nhận chỉ ghi một lần.");
  }
  if (const auto* agencies = r.optional_array("recipient_agencies", 500)) {
    std::set<std::string> codes;
    for (const auto& a : *agencies) {
      const auto* o = a.if_object();
      if (o == nullptr) {
        r.fail("recipient_agencies", "Mỗi cơ quan nhận cần mã định danh và tên.");
        continue;
      }
      json::FieldReader ar(*o);
      ExternalRecipient e{ar.required_string("code", 20), ar.required_string("name", 300)};
      if (ar.failed() || !ar.finish().ok()) {
        r.fail("recipient_agencies", "Mỗi cơ quan nhận cần mã định danh và tên.");
      } else if (!identity::parse_agency_code(e.code)) {
        r.fail("recipient_agencies", "Mã định danh cơ quan \"" + e.code +
                                         "\" không đúng QCVN 102:2016 (ví dụ 000.00.00.H48).");
      } else if (org.resolve_code(e.code) != nullptr) {
        r.fail("recipient_agencies",
               "Cơ quan \"" + e.code + "\" thuộc hệ thống này: chọn trong danh sách đơn vị nhận.");
      } else if (!routable(e.code)) {
        r.fail("recipient_agencies",
               "Chưa có đường gửi văn bản điện tử tới cơ quan \"" + e.code +
                   "\" (cấu hình exchange.routes hoặc trục liên thông exchange.axis_url).");
      } else if (!codes.insert(e.code).second) {
        r.fail("recipient_agencies", "Một cơ quan nhận chỉ ghi một lần.");
      } else {
        in.recipient_agencies.push_back(std::move(e));
      }
    }
  }
  in.reply_to = r.optional_ids("reply_to", 20, "Mã văn bản đến không hợp lệ.");
  in.note = r.optional_string("note", 2000);
  TS_TRY(r.finish());
  return in;
}

Result<std::optional<OutgoingState>> load_outgoing_state(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, unit_id, drafting_unit_id, status, version, "
                                          "drafted_by, reviewer_id, doc_type FROM "
                                          "outgoing_documents WHERE id = $1",
                                          {id}));
  if (rows.empty()) return std::optional<OutgoingState>();
  auto r = rows.front();
  auto status = parse_outgoing_status(r.view(3));
  if (!status)
    return Error::internal(fmt::format("outgoing document {} has status {}", id, r.view(3)));
  return std::optional<OutgoingState>(OutgoingState{r.i64(0), r.i64(1), r.i64(2), *status, r.i64(4),
                                                    r.i64(5), r.opt_i64(6), r.str(7)});
}

Result<int64_t> create_draft(audit::ChangeTx& tx, files::FileStore& files, const DraftInput& in) {
  storage::Tx& sql = tx.sql();
  if (!tx.actor().id) return Error::forbidden("Chỉ cán bộ mới soạn thảo văn bản.");
  TS_ASSIGN_OR_RETURN(
      auto rows,
      sql.query(
          "INSERT INTO outgoing_documents (unit_id, drafting_unit_id, doc_type, subject, "
          "urgency, confidentiality, pages, status, drafted_by, folded, created_at, "
          "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9, $10, $10) "
          "RETURNING id",
          {in.unit_id, in.drafting_unit_id, in.doc_type, in.subject, in.urgency, in.confidentiality,
           in.pages, *tx.actor().id, text::fold(in.subject), tx.now_ms()}));
  int64_t id = rows.front().i64(0);
  TS_TRY(write_content(tx, files, id, in));
  TS_TRY(record_event(
      tx, Event{Subject::kOutgoing, id, "draft", in.note, content_json(in), {in.main_file_id}}));
  return id;
}

Status revise_draft(audit::ChangeTx& tx, files::FileStore& files, const OutgoingState& s,
                    int64_t version, const DraftInput& in) {
  TS_TRY(act_on_outgoing(s.status, s.version, version, OutgoingAction::kRevise));
  if (in.unit_id != s.unit_id || in.drafting_unit_id != s.drafting_unit_id)
    return Error::validation("unit_id",
                             "Không đổi cơ quan ban hành hoặc đơn vị soạn thảo của dự thảo.");
  storage::Tx& sql = tx.sql();
  TS_ASSIGN_OR_RETURN(
      auto rows,
      sql.query("UPDATE outgoing_documents SET doc_type = $3, subject = $4, urgency = $5, "
                "confidentiality = $6, pages = $7, folded = $8, updated_at = $9, version = "
                "version + 1 WHERE id = $1 AND version = $2 RETURNING id",
                {s.id, version, in.doc_type, in.subject, in.urgency, in.confidentiality, in.pages,
                 text::fold(in.subject), tx.now_ms()}));
  if (rows.empty())
    return Error::conflict("document.stale",
                           "Văn bản vừa được người khác cập nhật. Vui lòng tải lại.");
  TS_TRY(write_content(tx, files, s.id, in));
  return record_event(
      tx, Event{Subject::kOutgoing, s.id, "revise", in.note, content_json(in), {in.main_file_id}});
}

Result<bool> is_leader_of(storage::Tx& tx, int64_t official_id, int64_t unit_id) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT 1 FROM role_grants g JOIN unit_closure c ON c.ancestor_id = g.unit_id "
               "JOIN officials o ON o.id = g.official_id WHERE g.official_id = $1 AND g.role = "
               "'leader' AND c.unit_id = $2 AND (c.depth = 0 OR g.include_subunits = 1) AND "
               "o.active = 1",
               {official_id, unit_id}));
  return !rows.empty();
}

Result<array> leaders_of(storage::Tx& tx, int64_t unit_id) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT DISTINCT o.id, o.full_name, o.position, u.name FROM role_grants g JOIN "
               "unit_closure c ON c.ancestor_id = g.unit_id JOIN officials o ON o.id = "
               "g.official_id JOIN units u ON u.id = g.unit_id WHERE g.role = 'leader' AND "
               "c.unit_id = $1 AND (c.depth = 0 OR g.include_subunits = 1) AND o.active = 1 "
               "ORDER BY o.full_name, o.id LIMIT 100",
               {unit_id}));
  array out;
  for (auto r : rows)
    out.push_back(object{{"id", r.i64(0)},
                         {"name", r.str(1)},
                         {"position", r.is_null(2) ? value(nullptr) : value(r.str(2))},
                         {"unit_name", r.str(3)}});
  return out;
}

namespace {

Status check_reviewer(storage::Tx& sql, const OutgoingState& s, int64_t reviewer_id) {
  // A leader of the drafting unit (head of division) or of the issuing agency.
  TS_ASSIGN_OR_RETURN(bool drafting, is_leader_of(sql, reviewer_id, s.drafting_unit_id));
  TS_ASSIGN_OR_RETURN(bool issuing, is_leader_of(sql, reviewer_id, s.unit_id));
  if (!drafting && !issuing)
    return Error::validation(
        "reviewer_id", "Người duyệt phải là lãnh đạo của đơn vị soạn thảo hoặc cơ quan ban hành.");
  return ok_status();
}

}  // namespace

Status submit_draft(audit::ChangeTx& tx, const OutgoingState& s, int64_t version,
                    int64_t reviewer_id, std::optional<std::string> note) {
  TS_ASSIGN_OR_RETURN(auto to,
                      act_on_outgoing(s.status, s.version, version, OutgoingAction::kSubmit));
  TS_TRY(check_reviewer(tx.sql(), s, reviewer_id));
  TS_TRY(bump(tx.sql(), s, version, to, tx.now_ms(), reviewer_id));
  return record_event(tx, Event{Subject::kOutgoing,
                                s.id,
                                "submit",
                                std::move(note),
                                object{{"reviewer_id", reviewer_id}},
                                {}});
}

Status pass_review(audit::ChangeTx& tx, const OutgoingState& s, int64_t version,
                   int64_t reviewer_id, std::optional<std::string> note) {
  TS_ASSIGN_OR_RETURN(auto to,
                      act_on_outgoing(s.status, s.version, version, OutgoingAction::kPass));
  if (s.reviewer_id == reviewer_id)
    return Error::validation("reviewer_id", "Văn bản đang chờ chính người này duyệt.");
  TS_TRY(check_reviewer(tx.sql(), s, reviewer_id));
  TS_TRY(bump(tx.sql(), s, version, to, tx.now_ms(), reviewer_id));
  return record_event(
      tx, Event{Subject::kOutgoing,
                s.id,
                "pass",
                std::move(note),
                object{{"from_reviewer_id", s.reviewer_id ? value(*s.reviewer_id) : value(nullptr)},
                       {"reviewer_id", reviewer_id}},
                {}});
}

Status return_draft(audit::ChangeTx& tx, const OutgoingState& s, int64_t version,
                    std::string note) {
  TS_ASSIGN_OR_RETURN(auto to,
                      act_on_outgoing(s.status, s.version, version, OutgoingAction::kReturn));
  TS_TRY(bump(tx.sql(), s, version, to, tx.now_ms(), std::nullopt));
  return record_event(tx, Event{Subject::kOutgoing, s.id, "return", std::move(note), {}, {}});
}

Status approve(audit::ChangeTx& tx, const OutgoingState& s, int64_t version,
               std::optional<std::string> note) {
  TS_ASSIGN_OR_RETURN(auto to,
                      act_on_outgoing(s.status, s.version, version, OutgoingAction::kApprove));
  storage::Tx& sql = tx.sql();
  TS_ASSIGN_OR_RETURN(auto who, sql.query("SELECT full_name, position FROM officials WHERE id = $1",
                                          {*tx.actor().id}));
  if (who.empty()) return Error::forbidden("Chỉ lãnh đạo mới duyệt và ký văn bản.");
  TS_ASSIGN_OR_RETURN(
      auto rows,
      sql.query("UPDATE outgoing_documents SET status = $7, reviewer_id = NULL, signer_id "
                "= $3, signer_name = $4, signer_position = $5, approved_at = $6, updated_at = $6, "
                "version = version + 1 WHERE id = $1 AND version = $2 RETURNING id",
                {s.id, version, *tx.actor().id, who.front().str(0), who.front().opt_str(1),
                 tx.now_ms(), status_name(to)}));
  if (rows.empty())
    return Error::conflict("document.stale",
                           "Văn bản vừa được người khác cập nhật. Vui lòng tải lại.");
  return record_event(tx, Event{Subject::kOutgoing,
                                s.id,
                                "approve",
                                std::move(note),
                                object{{"signer", who.front().str(0)}},
                                {}});
}

namespace {

constexpr std::string_view kOutgoingColumns =
    "d.id, d.unit_id, d.drafting_unit_id, d.doc_type, d.subject, d.urgency, d.confidentiality, "
    "d.pages, d.status, d.drafted_by, dr.full_name, d.reviewer_id, rv.full_name, d.signer_name, "
    "d.signer_position, d.approved_at, d.year, d.number, d.notation, d.issued_on, d.issued_at, "
    "d.created_at, d.updated_at, d.version";

object outgoing_json(const storage::Rows::Row& r) {
  auto opt_str = [&](int c) { return r.is_null(c) ? value(nullptr) : value(r.str(c)); };
  auto opt_int = [&](int c) { return r.is_null(c) ? value(nullptr) : value(r.i64(c)); };
  auto opt_time = [&](int c) {
    return r.is_null(c) ? value(nullptr) : value(format_rfc3339(from_millis(r.i64(c))));
  };
  return object{{"id", r.i64(0)},
                {"unit_id", r.i64(1)},
                {"drafting_unit_id", r.i64(2)},
                {"doc_type", doc_type_json(r.view(3))},
                {"subject", r.str(4)},
                {"urgency", urgency_json(r.view(5))},
                {"confidentiality", confidentiality_json(r.view(6))},
                {"pages", opt_int(7)},
                {"status", object{{"key", r.str(8)}, {"label", outgoing_status_label(r.view(8))}}},
                {"drafted_by", object{{"id", r.i64(9)}, {"name", r.str(10)}}},
                {"reviewer", r.is_null(11) ? value(nullptr)
                                           : value(object{{"id", r.i64(11)}, {"name", r.str(12)}})},
                {"signer", r.is_null(13) ? value(nullptr)
                                         : value(object{{"name", r.str(13)},
                                                        {"position", opt_str(14)},
                                                        {"approved_at", opt_time(15)}})},
                {"year", opt_int(16)},
                {"number", opt_int(17)},
                {"notation", opt_str(18)},
                {"issued_on", opt_str(19)},
                {"issued_at", opt_time(20)},
                {"created_at", format_rfc3339(from_millis(r.i64(21)))},
                {"updated_at", format_rfc3339(from_millis(r.i64(22)))},
                {"version", r.i64(23)}};
}

std::string outgoing_select() {
  return fmt::format(
      "SELECT {} FROM outgoing_documents d JOIN officials dr ON dr.id = d.drafted_by LEFT JOIN "
      "officials rv ON rv.id = d.reviewer_id",
      kOutgoingColumns);
}

}  // namespace

Result<storage::Keyed<value>> list_outgoing(storage::Tx& tx, const OutgoingQuery& q) {
  storage::QueryBuilder b(outgoing_select());
  if (q.reviewer_id) {
    b.add(" WHERE d.status = 'in_review' AND d.reviewer_id = " + b.bind(*q.reviewer_id));
  } else {
    std::string unit = b.bind(q.unit_id);
    b.add(" WHERE (d.unit_id = " + unit + " OR d.drafting_unit_id = " + unit + ")");
  }
  if (q.status) b.add(" AND d.status = " + b.bind(std::string(status_name(*q.status))));
  if (q.year) b.add(" AND d.year = " + b.bind(int64_t{q.year}));
  b.add_words("d.folded", q.text);
  storage::add_keyset(b, "d.updated_at", "d.id", storage::Direction::kDescending, q.after, q.limit);
  TS_ASSIGN_OR_RETURN(auto rows, b.query(tx));
  storage::Keyed<value> out;
  for (auto r : rows) {
    out.rows.push_back(outgoing_json(r));
    out.keys.push_back({r.i64(22), r.i64(0)});
  }
  return out;
}

Result<std::optional<object>> find_outgoing(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query(outgoing_select() + " WHERE d.id = $1", {id}));
  if (rows.empty()) return std::optional<object>();
  object o = outgoing_json(rows.front());
  TS_ASSIGN_OR_RETURN(auto files,
                      tx.query(fmt::format("SELECT {}, df.kind FROM outgoing_document_files df "
                                           "JOIN files f ON f.id = df.file_id WHERE "
                                           "df.document_id = $1 ORDER BY df.kind DESC, f.id",
                                           files::kFileSummaryColumns),
                               {id}));
  array list;
  for (auto f : files) {
    object o = files::file_summary_json(f);
    o["kind"] = f.str(5);
    list.push_back(std::move(o));
  }
  o["files"] = std::move(list);
  TS_ASSIGN_OR_RETURN(auto recipients,
                      tx.query("SELECT id, unit_id, agency_code, name, status, status_at, "
                               "status_note FROM outgoing_recipients WHERE document_id = $1 ORDER "
                               "BY id",
                               {id}));
  array rec;
  for (auto r : recipients)
    rec.push_back(object{
        {"id", r.i64(0)},
        {"unit_id", r.is_null(1) ? value(nullptr) : value(r.i64(1))},
        {"agency_code", r.is_null(2) ? value(nullptr) : value(r.str(2))},
        {"name", r.str(3)},
        {"status", object{{"key", r.str(4)}, {"label", recipient_status_label(r.view(4))}}},
        {"status_at", r.is_null(5) ? value(nullptr) : value(format_rfc3339(from_millis(r.i64(5))))},
        {"status_note", r.is_null(6) ? value(nullptr) : value(r.str(6))}});
  o["recipients"] = std::move(rec);
  TS_ASSIGN_OR_RETURN(auto replies,
                      tx.query("SELECT i.id, i.notation, i.issuer_name, i.subject, "
                               "i.incoming_number, i.year FROM document_replies r JOIN "
                               "incoming_documents i ON i.id = r.incoming_id WHERE r.outgoing_id "
                               "= $1 ORDER BY i.id",
                               {id}));
  array answered;
  for (auto r : replies)
    answered.push_back(object{{"id", r.i64(0)},
                              {"notation", r.str(1)},
                              {"issuer_name", r.str(2)},
                              {"subject", r.str(3)},
                              {"incoming_number", r.i64(4)},
                              {"year", r.i64(5)}});
  o["reply_to"] = std::move(answered);
  return std::optional<object>(std::move(o));
}

Result<int64_t> main_file_of(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT file_id FROM outgoing_document_files WHERE "
                                          "document_id = $1 AND kind = 'main'",
                                          {id}));
  if (rows.empty()) return Error::internal("outgoing document without its main file");
  return rows.front().i64(0);
}

Result<bool> outgoing_has_file(storage::Tx& tx, int64_t id, int64_t file_id) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT 1 FROM outgoing_document_files WHERE "
                                          "document_id = $1 AND file_id = $2",
                                          {id, file_id}));
  return !rows.empty();
}

Result<array> replies_to_incoming(storage::Tx& tx, int64_t incoming_id) {
  TS_ASSIGN_OR_RETURN(auto rows,
                      tx.query("SELECT o.id, o.notation, o.subject, o.status, o.issued_on FROM "
                               "document_replies r JOIN outgoing_documents o ON o.id = "
                               "r.outgoing_id WHERE r.incoming_id = $1 ORDER BY o.id",
                               {incoming_id}));
  array out;
  for (auto r : rows)
    out.push_back(
        object{{"id", r.i64(0)},
               {"notation", r.is_null(1) ? value(nullptr) : value(r.str(1))},
               {"subject", r.str(2)},
               {"status", object{{"key", r.str(3)}, {"label", outgoing_status_label(r.view(3))}}},
               {"issued_on", r.is_null(4) ? value(nullptr) : value(r.str(4))}});
  return out;
}

}  // namespace tinhso::documents
