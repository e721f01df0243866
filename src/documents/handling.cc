#include "documents/handling.h"

#include <fmt/format.h>

#include <set>

#include "core/base/json.h"
#include "core/outbox/outbox.h"
#include "core/storage/query_builder.h"
#include "core/workflow/deadline.h"
#include "documents/arrivals.h"
#include "documents/events.h"

namespace tinhso::documents {

using boost::json::array;
using boost::json::object;
using boost::json::value;

namespace {

std::optional<Assignee> read_assignee(const value& v, json::FieldReader& r, std::string_view key) {
  if (!v.is_object()) {
    r.fail(key, "Cần đơn vị (unit_id) và có thể một người (official_id).");
    return std::nullopt;
  }
  json::FieldReader sub(v.as_object());
  Assignee a;
  a.unit_id = sub.required_int("unit_id", 1, INT64_MAX);
  a.official_id = sub.optional_int("official_id", 1, INT64_MAX);
  if (!sub.finish().ok()) {
    r.fail(key, "Cần đơn vị (unit_id) và có thể một người (official_id).");
    return std::nullopt;
  }
  return a;
}

// Labels of the stored names (a name this build does not know is shown as it is).
std::string_view role_label(std::string_view role) {
  auto r = parse_assignment_role(role);
  return r ? role_label_vi(*r) : role;
}

std::string_view assignment_status_label(std::string_view status) {
  auto s = parse_assignment_status(status);
  return s ? status_label_vi(*s) : status;
}

// Urgency of open work, timeliness of finished work.
void add_deadline_fields(object& o, const calendar::WorkingCalendar& cal, Instant now,
                         int64_t warning_seconds, std::optional<int64_t> due_ms,
                         std::string_view status, std::optional<int64_t> done_ms) {
  if (!due_ms) {
    o["due_at"] = nullptr;
    return;
  }
  Instant due = from_millis(*due_ms);
  o["due_at"] = format_rfc3339(due);
  if (status == "done" && done_ms) {
    auto t = workflow::classify(from_millis(*done_ms), due);
    o["timeliness"] =
        object{{"key", workflow::timeliness_name(t)}, {"label", workflow::timeliness_label_vi(t)}};
  } else if (status == "open") {
    o["urgency"] = workflow::urgency_name(workflow::urgency(cal, now, due, warning_seconds));
    o["working_seconds_left"] = workflow::remaining(cal, now, due);
  }
}

Status check_official_in_unit(storage::Tx& tx, const identity::OrgTree& org, int64_t official_id,
                              int64_t unit_id, std::string_view field) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT unit_id FROM officials WHERE id = $1 AND "
                                          "active = 1",
                                          {official_id}));
  if (rows.empty() || !org.within(rows.front().i64(0), unit_id))
    return Error::validation(field, "Người được giao không thuộc đơn vị được giao.");
  return ok_status();
}

}  // namespace

Result<AssignInput> read_assign(const value& v) {
  json::FieldReader r(v);
  AssignInput in;
  in.version = r.required_int("version", 1, INT64_MAX);
  const auto* body = v.if_object();
  if (const value* lead = body ? body->if_contains("lead") : nullptr) {
    if (auto a = read_assignee(*lead, r, "lead")) in.lead = *a;
  } else {
    r.fail("lead", "Chọn đơn vị hoặc người chủ trì xử lý.");
  }
  for (auto [key, list] :
       {std::pair<std::string_view, std::vector<Assignee>*>{"cooperate", &in.cooperate},
        {"inform", &in.inform}}) {
    if (const auto* items = r.optional_array(key, 100)) {
      for (const auto& item : *items)
        if (auto a = read_assignee(item, r, key)) list->push_back(*a);
    }
  }
  in.deadline_days = static_cast<int>(r.optional_int("deadline_days", 1, 365).value_or(0));
  in.note = r.optional_string("note", 2000);
  TS_TRY(r.finish());
  return in;
}

Result<std::optional<IncomingState>> load_incoming_state(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, unit_id, status, version, "
                                          "source_arrival_id FROM incoming_documents WHERE "
                                          "id = $1",
                                          {id}));
  if (rows.empty()) return std::optional<IncomingState>();
  auto r = rows.front();
  auto status = parse_incoming_status(r.view(2));
  if (!status)
    return Error::internal(fmt::format("incoming document {} has status {}", id, r.view(2)));
  return std::optional<IncomingState>(
      IncomingState{r.i64(0), r.i64(1), *status, r.i64(3), r.opt_i64(4)});
}

Status assign(audit::ChangeTx& tx, const calendar::WorkingCalendar& cal,
              const identity::OrgTree& org, const std::function<bool(int64_t)>& may_assign_to,
              int64_t document_id, const AssignInput& in) {
  storage::Tx& sql = tx.sql();
  TS_ASSIGN_OR_RETURN(auto doc, load_incoming_state(sql, document_id));
  if (!doc) return Error::not_found("Không tìm thấy văn bản đến.");
  TS_ASSIGN_OR_RETURN(IncomingStatus after, assign_document(doc->status, doc->version, in.version));
  // Check every assignee first: nothing is written unless all are valid.
  std::set<std::pair<int64_t, int64_t>> seen;
  auto check = [&](const Assignee& a, std::string_view field) -> Status {
    const auto* unit = org.find(a.unit_id);
    if (unit == nullptr || !unit->active)
      return Error::validation(field, "Đơn vị được giao không tồn tại.");
    if (!may_assign_to(a.unit_id))
      return Error::validation(field, "Đơn vị này nằm ngoài phạm vi giao việc của Ông/Bà.");
    if (a.official_id) TS_TRY(check_official_in_unit(sql, org, *a.official_id, a.unit_id, field));
    if (!seen.insert({a.unit_id, a.official_id.value_or(0)}).second)
      return Error::validation(field, "Một đơn vị hoặc người chỉ nhận một vai trò.");
    return ok_status();
  };
  TS_TRY(check(in.lead, "lead"));
  for (const auto& a : in.cooperate) TS_TRY(check(a, "cooperate"));
  for (const auto& a : in.inform) TS_TRY(check(a, "inform"));

  int days = in.deadline_days;
  Instant due = cal.due(tx.now(), days, 0);
  int64_t due_ms = to_millis(due);
  auto insert = [&](const Assignee& a, std::string_view role) -> Status {
    std::optional<int64_t> d = role == "inform" ? std::nullopt : std::optional<int64_t>(due_ms);
    TS_TRY(sql.exec(
        "INSERT INTO document_assignments (document_id, role, unit_id, official_id, assigned_by, "
        "assigned_at, due_at, status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open')",
        {document_id, role, a.unit_id, a.official_id, tx.actor().id, tx.now_ms(), d}));
    return ok_status();
  };
  TS_TRY(insert(in.lead, "lead"));
  for (const auto& a : in.cooperate) TS_TRY(insert(a, "cooperate"));
  for (const auto& a : in.inform) TS_TRY(insert(a, "inform"));
  TS_TRY(
      sql.exec("UPDATE incoming_documents SET status = $3, due_at = $2, version = "
               "version + 1 WHERE id = $1",
               {document_id, due_ms, status_name(after)}));
  auto assignee_json = [&](const Assignee& a) {
    return object{{"unit_id", a.unit_id},
                  {"official_id", a.official_id ? value(*a.official_id) : value(nullptr)}};
  };
  array coop, inform;
  for (const auto& a : in.cooperate) coop.push_back(assignee_json(a));
  for (const auto& a : in.inform) inform.push_back(assignee_json(a));
  TS_TRY(record_event(tx, Event{Subject::kIncoming,
                                document_id,
                                "assign",
                                in.note,
                                object{{"lead", assignee_json(in.lead)},
                                       {"cooperate", std::move(coop)},
                                       {"inform", std::move(inform)},
                                       {"deadline_days", days},
                                       {"due_at", format_rfc3339(due)}},
                                {}}));
  if (doc->source_arrival_id)
    TS_TRY(report_to_sender(tx, *doc->source_arrival_id, "assigned", std::nullopt));
  return ok_status();
}

Result<std::optional<AssignmentState>> load_assignment(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, document_id, role, unit_id, official_id, "
                                          "status, due_at FROM document_assignments WHERE id = $1",
                                          {id}));
  if (rows.empty()) return std::optional<AssignmentState>();
  auto r = rows.front();
  auto role = parse_assignment_role(r.view(2));
  auto status = parse_assignment_status(r.view(5));
  if (!role || !status)
    return Error::internal(
        fmt::format("assignment {} has role {} and status {}", id, r.view(2), r.view(5)));
  return std::optional<AssignmentState>(
      AssignmentState{r.i64(0), r.i64(1), *role, r.i64(3), r.opt_i64(4), *status, r.opt_i64(6)});
}

Status forward(audit::ChangeTx& tx, const identity::OrgTree& org, const AssignmentState& a,
               int64_t official_id, std::optional<std::string> note) {
  storage::Tx& sql = tx.sql();
  if (a.official_id && *a.official_id == official_id)
    return Error::validation("official_id", "Không thể chuyển cho chính người đang xử lý.");
  TS_ASSIGN_OR_RETURN(auto outcome,
                      act_on_assignment(a.status, a.role, AssignmentAction::kForward));
  TS_TRY(check_official_in_unit(sql, org, official_id, a.unit_id, "official_id"));
  // Only an open assignment moves; a concurrent forward or completion finds it changed.
  TS_ASSIGN_OR_RETURN(
      auto changed,
      sql.query("UPDATE document_assignments SET status = $2 WHERE id = $1 AND "
                "status = $3 RETURNING id",
                {a.id, status_name(outcome.after), status_name(AssignmentStatus::kOpen)}));
  if (changed.empty())
    return Error::conflict("document.stale",
                           "Việc này vừa được người khác xử lý. Vui lòng tải lại.");
  TS_TRY(
      sql.exec("INSERT INTO document_assignments (document_id, role, unit_id, official_id, "
               "parent_id, assigned_by, assigned_at, due_at, status) SELECT document_id, role, "
               "unit_id, $2, id, $3, $4, due_at, 'open' FROM document_assignments WHERE id = $1",
               {a.id, official_id, tx.actor().id, tx.now_ms()}));
  return record_event(tx, Event{Subject::kIncoming,
                                a.document_id,
                                "forward",
                                std::move(note),
                                object{{"assignment_id", a.id},
                                       {"role", role_name(a.role)},
                                       {"unit_id", a.unit_id},
                                       {"official_id", official_id}},
                                {}});
}

Status complete(audit::ChangeTx& tx, const AssignmentState& a, std::optional<std::string> note,
                const std::vector<int64_t>& file_ids) {
  storage::Tx& sql = tx.sql();
  TS_ASSIGN_OR_RETURN(auto outcome,
                      act_on_assignment(a.status, a.role, AssignmentAction::kComplete));
  TS_ASSIGN_OR_RETURN(auto changed,
                      sql.query("UPDATE document_assignments SET status = $3, done_at = $2 "
                                "WHERE id = $1 AND status = $4 RETURNING id",
                                {a.id, tx.now_ms(), status_name(outcome.after),
                                 status_name(AssignmentStatus::kOpen)}));
  if (changed.empty())
    return Error::conflict("document.stale",
                           "Việc này vừa được người khác xử lý. Vui lòng tải lại.");
  object data{{"assignment_id", a.id}, {"role", role_name(a.role)}};
  if (outcome.completes_document) {
    TS_TRY(
        sql.exec("UPDATE incoming_documents SET status = $3, completed_at = $2, version = "
                 "version + 1 WHERE id = $1",
                 {a.document_id, tx.now_ms(), status_name(IncomingStatus::kDone)}));
    if (a.due_at) {
      data["timeliness"] =
          workflow::timeliness_name(workflow::classify(tx.now(), from_millis(*a.due_at)));
    }
  }
  TS_TRY(record_event(tx, Event{Subject::kIncoming, a.document_id, "done", std::move(note),
                                std::move(data), file_ids}));
  if (outcome.completes_document) {
    TS_ASSIGN_OR_RETURN(auto doc, load_incoming_state(sql, a.document_id));
    if (doc && doc->source_arrival_id)
      TS_TRY(report_to_sender(tx, *doc->source_arrival_id, "done", std::nullopt));
  }
  return ok_status();
}

namespace {

constexpr std::string_view kAssignmentColumns =
    "a.id, a.document_id, a.role, a.unit_id, u.name, a.official_id, o.full_name, a.status, "
    "a.due_at, a.done_at, a.assigned_at, a.parent_id";

object assignment_json(const storage::Rows::Row& r, const calendar::WorkingCalendar& cal,
                       Instant now, int64_t warning_seconds) {
  object o{{"id", r.i64(0)},
           {"document_id", r.i64(1)},
           {"role", object{{"key", r.str(2)}, {"label", role_label(r.view(2))}}},
           {"unit", object{{"id", r.i64(3)}, {"name", r.str(4)}}},
           {"official",
            r.is_null(5) ? value(nullptr) : value(object{{"id", r.i64(5)}, {"name", r.str(6)}})},
           {"status", object{{"key", r.str(7)}, {"label", assignment_status_label(r.view(7))}}},
           {"assigned_at", format_rfc3339(from_millis(r.i64(10)))},
           {"parent_id", r.is_null(11) ? value(nullptr) : value(r.i64(11))}};
  o["done_at"] = r.is_null(9) ? value(nullptr) : value(format_rfc3339(from_millis(r.i64(9))));
  add_deadline_fields(o, cal, now, warning_seconds, r.opt_i64(8), r.view(7), r.opt_i64(9));
  return o;
}

}  // namespace

Result<array> list_assignments(storage::Tx& tx, const calendar::WorkingCalendar& cal, Instant now,
                               int64_t warning_seconds, int64_t document_id) {
  TS_ASSIGN_OR_RETURN(
      auto rows, tx.query(fmt::format("SELECT {} FROM document_assignments a JOIN units u ON u.id "
                                      "= a.unit_id LEFT JOIN officials o ON o.id = a.official_id "
                                      "WHERE a.document_id = $1 ORDER BY a.id",
                                      kAssignmentColumns),
                          {document_id}));
  array out;
  for (auto r : rows) out.push_back(assignment_json(r, cal, now, warning_seconds));
  return out;
}

// The work list's sort keys: open work by deadline, information-only items (no deadline) after
// every dated one; done work by completion, newest first.
constexpr std::string_view kDueKey = "COALESCE(a.due_at, 253402300799999)";  // 9999-12-31
constexpr std::string_view kDoneKey = "COALESCE(a.done_at, 0)";

Result<storage::Keyed<value>> list_work(storage::Tx& tx, const calendar::WorkingCalendar& cal,
                                        Instant now, int64_t warning_seconds, const WorkQuery& q) {
  storage::QueryBuilder b(fmt::format(
      "SELECT {}, d.notation, d.issuer_name, d.subject, d.incoming_number, d.year, d.urgency, {} "
      "FROM document_assignments a JOIN units u ON u.id = a.unit_id LEFT JOIN officials o ON "
      "o.id = a.official_id JOIN incoming_documents d ON d.id = a.document_id WHERE (a.official_id "
      "= ",
      kAssignmentColumns, q.status == "done" ? kDoneKey : kDueKey));
  b.add(b.bind(q.official_id));
  if (!q.unit_ids.empty()) {
    b.add(" OR (a.official_id IS NULL AND a.unit_id IN (");
    for (std::size_t i = 0; i < q.unit_ids.size(); ++i)
      b.add((i ? ", " : "") + b.bind(q.unit_ids[i]));
    b.add("))");
  }
  b.add(")");
  if (q.status == "done") {
    b.add(" AND a.status = 'done'");
    storage::add_keyset(b, kDoneKey, "a.id", storage::Direction::kDescending, q.after, q.limit);
  } else {
    b.add(" AND a.status = 'open'");
    if (q.status == "overdue") {
      b.add(" AND a.due_at < " + b.bind(to_millis(now)));
    } else if (q.status == "near_due") {
      Instant near = cal.add_working_seconds(now, warning_seconds);
      b.add(" AND a.due_at >= " + b.bind(to_millis(now)) +
            " AND a.due_at <= " + b.bind(to_millis(near)));
    }
    // Work with a deadline first, soonest due first; information-only items last.
    storage::add_keyset(b, kDueKey, "a.id", storage::Direction::kAscending, q.after, q.limit);
  }
  TS_ASSIGN_OR_RETURN(auto rows, b.query(tx));
  storage::Keyed<value> out;
  for (auto r : rows) {
    object o = assignment_json(r, cal, now, warning_seconds);
    o["document"] =
        object{{"id", r.i64(1)},       {"notation", r.str(12)},        {"issuer_name", r.str(13)},
               {"subject", r.str(14)}, {"incoming_number", r.i64(15)}, {"year", r.i64(16)},
               {"urgency", r.str(17)}};
    out.rows.emplace_back(std::move(o));
    out.keys.push_back({r.i64(18), r.i64(0)});
  }
  return out;
}

Result<int> send_reminders(audit::ChangeTx& tx, const calendar::WorkingCalendar& cal,
                           int64_t warning_seconds, bool email_enabled) {
  storage::Tx& sql = tx.sql();
  Instant near = cal.add_working_seconds(tx.now(), warning_seconds);
  TS_ASSIGN_OR_RETURN(
      auto rows,
      sql.query("SELECT a.id, a.document_id, a.due_at, a.role, d.notation, d.issuer_name, "
                "d.subject, COALESCE(o.email, u.email), COALESCE(o.full_name, u.name) FROM "
                "document_assignments a JOIN incoming_documents d ON d.id = a.document_id JOIN "
                "units u ON u.id = a.unit_id LEFT JOIN officials o ON o.id = a.official_id WHERE "
                "a.status = 'open' AND a.due_at IS NOT NULL AND a.reminded_at IS NULL AND "
                "a.due_at <= $1 ORDER BY a.due_at LIMIT 500",
                {to_millis(near)}));
  int sent = 0;
  for (auto r : rows) {
    int64_t id = r.i64(0);
    Instant due = from_millis(r.i64(2));
    bool overdue = due < tx.now();
    TS_TRY(sql.exec("UPDATE document_assignments SET reminded_at = $2 WHERE id = $1",
                    {id, tx.now_ms()}));
    if (email_enabled && !r.is_null(7) && !r.str(7).empty()) {
      std::string subject = fmt::format("{} xử lý văn bản {} của {}",
                                        overdue ? "Đã quá hạn" : "Sắp đến hạn", r.str(4), r.str(5));
      std::string body = fmt::format(
          "Kính gửi {},\n\nVăn bản {} của {} về việc \"{}\" được giao cho Ông/Bà ({}) có hạn "
          "xử lý {}.\n{}\n\nĐây là thư tự động của hệ thống quản lý văn bản và điều hành.",
          r.str(8), r.str(4), r.str(5), r.str(6), role_label(r.view(3)), format_vn_appointment(due),
          overdue ? "Văn bản đã quá hạn xử lý." : "Đề nghị Ông/Bà hoàn thành trước thời hạn.");
      TS_TRY(outbox::enqueue(
          sql,
          outbox::Message{"email", r.str(7), object{{"subject", subject}, {"body", body}},
                          fmt::format("document-reminder-{}", id), "document_assignment",
                          std::to_string(id)},
          tx.now_ms()));
    }
    TS_TRY(record_event(tx, Event{Subject::kIncoming,
                                  r.i64(1),
                                  "remind",
                                  std::nullopt,
                                  object{{"assignment_id", id},
                                         {"recipient", r.str(8)},
                                         {"due_at", format_rfc3339(due)}},
                                  {}}));
    ++sent;
  }
  if (sent == 0) tx.mark_unchanged();
  return sent;
}

}  // namespace tinhso::documents
