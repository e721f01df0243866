#include "documents/tasks.h"

#include <fmt/format.h>

#include <set>

#include "core/base/json.h"
#include "core/base/text.h"
#include "core/storage/query_builder.h"
#include "core/workflow/deadline.h"

namespace tinhso::documents {

using boost::json::array;
using boost::json::object;
using boost::json::value;

namespace {

// A stored status as people read it.
std::string_view task_status_label(std::string_view s) {
  auto status = parse_task_status(s);
  return status ? status_label_vi(*status) : s;
}

std::string_view report_kind_label(std::string_view k) {
  if (k == "complete") return "Báo cáo hoàn thành";
  if (k == "reopen") return "Yêu cầu thực hiện tiếp";
  if (k == "create") return "Giao nhiệm vụ";
  return "Báo cáo tiến độ";
}

// Adds a history entry with its files (the reporter's own uploads).
Status add_report(audit::ChangeTx& tx, files::FileStore& files, int64_t task_id,
                  std::string_view kind, std::optional<int64_t> unit_id,
                  std::optional<int> progress, const std::optional<std::string>& note,
                  const std::vector<int64_t>& file_ids) {
  storage::Tx& sql = tx.sql();
  for (int64_t f : file_ids) TS_TRY(files.own_upload(sql, f, tx.actor(), "file_ids"));
  std::optional<int64_t> pct;
  if (progress) pct = *progress;
  TS_ASSIGN_OR_RETURN(
      auto rows,
      sql.query("INSERT INTO task_reports (task_id, kind, unit_id, progress, note, reported_by, "
                "reported_by_name, reported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                "RETURNING id",
                {task_id, kind, unit_id, pct, note, tx.actor().id, tx.actor().name, tx.now_ms()}));
  int64_t id = rows.front().i64(0);
  array listed;
  for (int64_t f : file_ids) {
    TS_TRY(sql.exec("INSERT INTO task_report_files (report_id, file_id) VALUES ($1, $2)", {id, f}));
    listed.push_back(f);
  }
  object data{{"report_id", id}, {"files", std::move(listed)}};
  if (unit_id) data["unit_id"] = *unit_id;
  if (progress) data["progress"] = *progress;
  return tx.record(fmt::format("task.{}", kind), "task", task_id, std::move(data));
}

// Moves the task to `to` when its version is still `version` (409 otherwise). `set_clause`
// (a constant) sets the other columns and may use $3, the time of the change.
Status bump(storage::Tx& sql, int64_t id, int64_t version, TaskStatus to,
            std::string_view set_clause, int64_t now_ms) {
  TS_ASSIGN_OR_RETURN(auto rows,
                      sql.query(fmt::format("UPDATE tasks SET status = $4, {}, updated_at = $3, "
                                            "version = version + 1 WHERE id = $1 AND "
                                            "version = $2 RETURNING id",
                                            set_clause),
                                {id, version, now_ms, std::string(status_name(to))}));
  if (rows.empty())
    return Error::conflict("task.stale",
                           "Nhiệm vụ vừa được người khác cập nhật. Vui lòng tải lại.");
  return ok_status();
}

constexpr const char* kListColumns =
    "t.id, t.title, t.source_kind, t.owner_unit_id, ou.name, t.assigning_unit_id, au.name, "
    "t.due_on, t.due_at, t.status, t.progress, t.completed_at, t.created_at, t.version";

object task_row_json(const storage::Rows::Row& r, Instant now) {
  object o{{"id", r.i64(0)},
           {"title", r.str(1)},
           {"source_kind", r.str(2)},
           {"owner_unit", object{{"id", r.i64(3)}, {"name", r.str(4)}}},
           {"assigning_unit", object{{"id", r.i64(5)}, {"name", r.str(6)}}},
           {"due_on", r.str(7)},
           {"status", object{{"key", r.str(9)}, {"label", task_status_label(r.view(9))}}},
           {"progress", r.i64(10)},
           {"created_at", format_rfc3339(from_millis(r.i64(12)))},
           {"version", r.i64(13)}};
  Instant due = from_millis(r.i64(8));
  if (r.view(9) == "done") {
    Instant done = from_millis(r.i64(11));
    o["completed_at"] = format_rfc3339(done);
    bool late = done > due;
    o["timeliness"] = object{{"key", late ? "late" : "on_time"},
                             {"label", late ? "Hoàn thành quá hạn" : "Hoàn thành đúng hạn"}};
  } else {
    bool overdue = now > due;
    o["overdue"] = overdue;
    o["days_left"] = days_between(local_date(now), local_date(due));
  }
  return o;
}

}  // namespace

Result<TaskInput> read_task(const value& v, const identity::OrgTree& org, Date today) {
  json::FieldReader r(v);
  TaskInput in;
  in.title = r.required_string("title", 1000);
  in.content = r.optional_string("content", 8000);
  in.source_kind = r.required_enum("source_kind", {"document", "meeting"});
  in.incoming_id = r.optional_int("incoming_id", 1, INT64_MAX);
  in.outgoing_id = r.optional_int("outgoing_id", 1, INT64_MAX);
  in.source_note = r.optional_string("source_note", 1000);
  if (in.source_kind == "document" && !in.incoming_id == !in.outgoing_id)
    r.fail("incoming_id", "Nhiệm vụ từ văn bản cần đúng một văn bản đến hoặc văn bản đi.");
  if (in.source_kind == "meeting" && !in.source_note)
    r.fail("source_note", "Ghi cuộc họp giao nhiệm vụ (ví dụ: Kết luận giao ban ngày 20/11/2026).");
  in.assigning_unit_id = r.required_int("assigning_unit_id", 1, INT64_MAX);
  in.owner_unit_id = r.required_int("owner_unit_id", 1, INT64_MAX);
  in.cooperating_unit_ids = r.optional_ids("cooperating_unit_ids", 100, "Mã đơn vị không hợp lệ.");
  auto within = [&](int64_t unit) {
    const auto* u = org.find(unit);
    return u != nullptr && u->active && org.within(unit, in.assigning_unit_id);
  };
  if (in.assigning_unit_id > 0 && org.find(in.assigning_unit_id) == nullptr)
    r.fail("assigning_unit_id", "Đơn vị giao nhiệm vụ không tồn tại.");
  else if (in.owner_unit_id > 0 && !within(in.owner_unit_id))
    r.fail("owner_unit_id", "Đơn vị chủ trì phải thuộc đơn vị giao nhiệm vụ.");
  std::set<int64_t> seen{in.owner_unit_id};
  for (int64_t u : in.cooperating_unit_ids) {
    if (!within(u))
      r.fail("cooperating_unit_ids", "Đơn vị phối hợp phải thuộc đơn vị giao nhiệm vụ.");
    else if (!seen.insert(u).second)
      r.fail("cooperating_unit_ids", "Mỗi đơn vị chỉ ghi một lần, khác đơn vị chủ trì.");
  }
  std::string due = r.required_string("due_on", 10);
  if (!due.empty()) {
    auto d = parse_iso_date(due);
    if (!d.ok())
      r.fail("due_on", "Hạn hoàn thành cần dạng YYYY-MM-DD.");
    else if (*d < today)
      r.fail("due_on", "Hạn hoàn thành không được ở trong quá khứ.");
    else if (*d > add_days(today, 3650))  // a typo of the year; also keeps list_tasks' key sound
      r.fail("due_on", "Hạn hoàn thành không được quá 10 năm kể từ hôm nay.");
    else
      in.due_on = *d;
  }
  TS_TRY(r.finish());
  return in;
}

Result<std::optional<TaskState>> load_task_state(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, assigning_unit_id, owner_unit_id, "
                                          "assigned_by, status, version FROM tasks WHERE id = $1",
                                          {id}));
  if (rows.empty()) return std::optional<TaskState>();
  auto r = rows.front();
  auto status = parse_task_status(r.view(4));
  if (!status) return Error::internal(fmt::format("task {} has status {}", id, r.view(4)));
  TaskState t{r.i64(0), r.i64(1), r.i64(2), r.i64(3), *status, r.i64(5), {}};
  TS_ASSIGN_OR_RETURN(auto units,
                      tx.query("SELECT unit_id FROM task_units WHERE task_id = $1", {id}));
  for (auto u : units) t.cooperating_unit_ids.push_back(u.i64(0));
  return std::optional<TaskState>(std::move(t));
}

Result<int64_t> create_task(audit::ChangeTx& tx, const TaskInput& in) {
  storage::Tx& sql = tx.sql();
  if (in.incoming_id) {
    TS_ASSIGN_OR_RETURN(
        auto found, sql.query("SELECT 1 FROM incoming_documents WHERE id = $1", {*in.incoming_id}));
    if (found.empty()) return Error::validation("incoming_id", "Không tìm thấy văn bản đến.");
  }
  if (in.outgoing_id) {
    TS_ASSIGN_OR_RETURN(
        auto found, sql.query("SELECT 1 FROM outgoing_documents WHERE id = $1", {*in.outgoing_id}));
    if (found.empty()) return Error::validation("outgoing_id", "Không tìm thấy văn bản đi.");
  }
  std::string folded = text::fold(in.title + " " + in.content.value_or(""));
  TS_ASSIGN_OR_RETURN(
      auto rows,
      sql.query(
          "INSERT INTO tasks (title, content, source_kind, source_incoming_id, "
          "source_outgoing_id, source_note, assigning_unit_id, assigned_by, owner_unit_id, "
          "due_on, due_at, status, progress, folded, created_at, updated_at) VALUES ($1, $2, "
          "$3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', 0, $12, $13, $13) RETURNING id",
          {in.title, in.content, in.source_kind, in.incoming_id, in.outgoing_id, in.source_note,
           in.assigning_unit_id, tx.actor().id, in.owner_unit_id, format_iso_date(in.due_on),
           to_millis(end_of_local_day(in.due_on)), folded, tx.now_ms()}));
  int64_t id = rows.front().i64(0);
  array coop;
  for (int64_t u : in.cooperating_unit_ids) {
    TS_TRY(sql.exec("INSERT INTO task_units (task_id, unit_id) VALUES ($1, $2)", {id, u}));
    coop.push_back(u);
  }
  TS_TRY(tx.record("task.create", "task", id,
                   object{{"title", in.title},
                          {"owner_unit_id", in.owner_unit_id},
                          {"cooperating_unit_ids", std::move(coop)},
                          {"due_on", format_iso_date(in.due_on)}}));
  return id;
}

Status report_progress(audit::ChangeTx& tx, files::FileStore& files, const TaskState& t,
                       const TaskReport& r) {
  TS_TRY(act_on_task(t.status, TaskAction::kReport));
  if (!r.note && !r.progress && r.file_ids.empty())
    return Error::validation("note", "Nêu tiến độ, nội dung đã thực hiện hoặc đính kèm tài liệu.");
  TS_TRY(add_report(tx, files, t.id, action_name(TaskAction::kReport), r.unit_id, r.progress,
                    r.note, r.file_ids));
  // The owner's figure is the task's progress; cooperating units report their own part.
  if (r.progress && r.unit_id == t.owner_unit_id)
    TS_TRY(tx.sql().exec("UPDATE tasks SET progress = $2, updated_at = $3 WHERE id = $1",
                         {t.id, int64_t{*r.progress}, tx.now_ms()}));
  return ok_status();
}

Status complete_task(audit::ChangeTx& tx, files::FileStore& files, const TaskState& t,
                     int64_t version, const TaskReport& r) {
  TS_ASSIGN_OR_RETURN(TaskStatus to, act_on_task(t.status, TaskAction::kComplete));
  TS_TRY(bump(tx.sql(), t.id, version, to, "progress = 100, completed_at = $3", tx.now_ms()));
  return add_report(tx, files, t.id, action_name(TaskAction::kComplete), r.unit_id, 100, r.note,
                    r.file_ids);
}

Status reopen_task(audit::ChangeTx& tx, files::FileStore& files, const TaskState& t,
                   int64_t version, std::string note) {
  TS_ASSIGN_OR_RETURN(TaskStatus to, act_on_task(t.status, TaskAction::kReopen));
  // The late completion, if any, stays in the history; the deadline does not move.
  TS_TRY(bump(tx.sql(), t.id, version, to, "completed_at = NULL", tx.now_ms()));
  return add_report(tx, files, t.id, action_name(TaskAction::kReopen), t.assigning_unit_id,
                    std::nullopt, std::move(note), {});
}

Result<storage::Keyed<value>> list_tasks(storage::Tx& tx, const TaskQuery& q, Instant now) {
  // Open work by deadline first, then finished work newest first, as one ascending key: 8·10¹²
  // minus a completion time stays above every deadline while a deadline plus a completion time
  // (both in ms) stays below 8·10¹², that is until about 2096 (read_task refuses deadlines more
  // than ten years ahead).
  constexpr std::string_view kSortKey =
      "CASE WHEN t.status = 'open' THEN t.due_at ELSE 8000000000000 - t.completed_at END";
  storage::QueryBuilder b(fmt::format(
      "SELECT {}, {} FROM tasks t JOIN units ou ON ou.id = t.owner_unit_id JOIN units au ON "
      "au.id = t.assigning_unit_id WHERE ",
      kListColumns, kSortKey));
  if (q.role == "cooperate")
    b.add("t.id IN (SELECT task_id FROM task_units WHERE unit_id = " + b.bind(q.unit_id) + ")");
  else if (q.role == "assigned")
    b.add("t.assigning_unit_id = " + b.bind(q.unit_id));
  else
    b.add("t.owner_unit_id = " + b.bind(q.unit_id));
  if (q.status == "overdue")
    b.add(" AND t.status = 'open' AND t.due_at < " + b.bind(to_millis(now)));
  else if (!q.status.empty())
    b.add(" AND t.status = " + b.bind(q.status));
  b.add_words("t.folded", q.text);
  storage::add_keyset(b, kSortKey, "t.id", storage::Direction::kAscending, q.after, q.limit);
  TS_ASSIGN_OR_RETURN(auto rows, b.query(tx));
  storage::Keyed<value> out;
  for (auto r : rows) {
    out.rows.push_back(task_row_json(r, now));
    out.keys.push_back({r.i64(14), r.i64(0)});
  }
  return out;
}

Result<std::optional<object>> find_task(storage::Tx& tx, int64_t id, Instant now) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT {}, t.content, t.source_incoming_id, t.source_outgoing_id, "
                           "t.source_note, t.assigned_by, o.full_name FROM tasks t JOIN units ou "
                           "ON ou.id = t.owner_unit_id JOIN units au ON au.id = "
                           "t.assigning_unit_id JOIN officials o ON o.id = t.assigned_by WHERE "
                           "t.id = $1",
                           kListColumns),
               {id}));
  if (rows.empty()) return std::optional<object>();
  auto r = rows.front();
  object o = task_row_json(r, now);
  o["content"] = r.is_null(14) ? value(nullptr) : value(r.str(14));
  object source{{"kind", r.str(2)}, {"note", r.is_null(17) ? value(nullptr) : value(r.str(17))}};
  if (!r.is_null(15)) {
    TS_ASSIGN_OR_RETURN(auto d, tx.query("SELECT notation, subject FROM incoming_documents WHERE "
                                         "id = $1",
                                         {r.i64(15)}));
    if (!d.empty())
      source["incoming"] =
          object{{"id", r.i64(15)}, {"notation", d.front().str(0)}, {"subject", d.front().str(1)}};
  }
  if (!r.is_null(16)) {
    TS_ASSIGN_OR_RETURN(auto d, tx.query("SELECT notation, subject FROM outgoing_documents WHERE "
                                         "id = $1",
                                         {r.i64(16)}));
    if (!d.empty())
      source["outgoing"] =
          object{{"id", r.i64(16)},
                 {"notation", d.front().is_null(0) ? value(nullptr) : value(d.front().str(0))},
                 {"subject", d.front().str(1)}};
  }
  o["source"] = std::move(source);
  o["assigned_by"] = object{{"id", r.i64(18)}, {"name", r.str(19)}};
  TS_ASSIGN_OR_RETURN(auto coop, tx.query("SELECT u.id, u.name FROM task_units tu JOIN units u ON "
                                          "u.id = tu.unit_id WHERE tu.task_id = $1 ORDER BY u.id",
                                          {id}));
  array units;
  for (auto c : coop) units.push_back(object{{"id", c.i64(0)}, {"name", c.str(1)}});
  o["cooperating_units"] = std::move(units);
  TS_ASSIGN_OR_RETURN(auto reports,
                      tx.query("SELECT r.id, r.kind, r.unit_id, u.name, r.progress, r.note, "
                               "r.reported_by_name, r.reported_at FROM task_reports r LEFT JOIN "
                               "units u ON u.id = r.unit_id WHERE r.task_id = $1 ORDER BY r.id",
                               {id}));
  array history;
  for (auto h : reports) {
    TS_ASSIGN_OR_RETURN(auto files, tx.query("SELECT f.id, f.name FROM task_report_files rf JOIN "
                                             "files f ON f.id = rf.file_id WHERE rf.report_id = "
                                             "$1 ORDER BY f.id",
                                             {h.i64(0)}));
    array fl;
    for (auto f : files) fl.push_back(object{{"id", f.i64(0)}, {"name", f.str(1)}});
    history.push_back(
        object{{"id", h.i64(0)},
               {"kind", object{{"key", h.str(1)}, {"label", report_kind_label(h.view(1))}}},
               {"unit", h.is_null(2) ? value(nullptr)
                                     : value(object{{"id", h.i64(2)}, {"name", h.str(3)}})},
               {"progress", h.is_null(4) ? value(nullptr) : value(h.i64(4))},
               {"note", h.is_null(5) ? value(nullptr) : value(h.str(5))},
               {"by", h.str(6)},
               {"at", format_rfc3339(from_millis(h.i64(7)))},
               {"files", std::move(fl)}});
  }
  o["reports"] = std::move(history);
  return std::optional<object>(std::move(o));
}

Result<std::vector<TaskMonthRow>> task_month_stats(storage::Tx& tx, const identity::OrgTree& org,
                                                   int64_t unit_id, int year, int month,
                                                   Instant now) {
  Date first = std::chrono::year{year} / month / 1;
  Date next =
      std::chrono::year_month_day{std::chrono::year{year} / month / 1} + std::chrono::months{1};
  int64_t from = to_millis(local_instant(first, 0));
  int64_t to = to_millis(local_instant(next, 0));
  // Overdue is judged at the month's end, or now for the month in progress. The month's own
  // bounds stay fixed so that a task completed a moment ago (same millisecond, or a wall clock
  // stepped back) still counts as completed this month.
  int64_t overdue_at = std::min(to, to_millis(now));
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT t.owner_unit_id, u.name, "
               "SUM(CASE WHEN t.created_at >= $1 AND t.created_at < $2 THEN 1 ELSE 0 END), "
               "SUM(CASE WHEN t.completed_at >= $1 AND t.completed_at < $2 AND t.completed_at <= "
               "t.due_at THEN 1 ELSE 0 END), "
               "SUM(CASE WHEN t.completed_at >= $1 AND t.completed_at < $2 AND t.completed_at > "
               "t.due_at THEN 1 ELSE 0 END), "
               "SUM(CASE WHEN t.created_at < $2 AND (t.completed_at IS NULL OR t.completed_at >= "
               "$2) THEN 1 ELSE 0 END), "
               "SUM(CASE WHEN t.created_at < $2 AND (t.completed_at IS NULL OR t.completed_at >= "
               "$2) AND t.due_at < $3 THEN 1 ELSE 0 END) "
               "FROM tasks t JOIN units u ON u.id = t.owner_unit_id WHERE t.created_at < $2 AND "
               "(t.completed_at IS NULL OR t.completed_at >= $1) GROUP BY t.owner_unit_id, u.name "
               "ORDER BY u.name",
               {from, to, overdue_at}));
  std::vector<TaskMonthRow> out;
  for (auto r : rows) {
    if (!org.within(r.i64(0), unit_id)) continue;
    out.push_back(
        TaskMonthRow{r.i64(0), r.str(1), r.i64(2), r.i64(3), r.i64(4), r.i64(5), r.i64(6)});
  }
  return out;
}

}  // namespace tinhso::documents
