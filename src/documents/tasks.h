// Tasks from leaders' directions (nhiệm vụ được giao): a leader gives a unit a task, from a
// document (an incoming or outgoing one) or a meeting, with cooperating units and a deadline
// date; the units report progress; the owner completes it with evidence; the leader may reopen
// it when the evidence does not satisfy. Lists by unit and status show what is overdue, and the
// monthly statistics per owner unit count tasks done on time, done late and still open (with
// how many of those are overdue). Every change is audited and kept in the task's history.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/change_log.h"
#include "core/base/result.h"
#include "core/base/time.h"
#include "core/files/file_store.h"
#include "core/identity/org_tree.h"
#include "core/storage/keyset.h"
#include "core/storage/sql.h"
#include "documents/task_lifecycle.h"

namespace tinhso::documents {

struct TaskInput {
  std::string title;
  std::optional<std::string> content;
  std::string source_kind;  // document | meeting
  std::optional<int64_t> incoming_id, outgoing_id;
  std::optional<std::string> source_note;
  int64_t assigning_unit_id = 0;
  int64_t owner_unit_id = 0;
  std::vector<int64_t> cooperating_unit_ids;
  Date due_on;
};
// Reads and checks a new task: units within the assigning unit, a deadline not in the past,
// a source; every problem at once.
Result<TaskInput> read_task(const boost::json::value& v, const identity::OrgTree& org, Date today);

struct TaskState {
  int64_t id = 0;
  int64_t assigning_unit_id = 0, owner_unit_id = 0;
  int64_t assigned_by = 0;
  TaskStatus status = TaskStatus::kOpen;
  int64_t version = 0;
  std::vector<int64_t> cooperating_unit_ids;
};
Result<std::optional<TaskState>> load_task_state(storage::Tx& tx, int64_t id);

Result<int64_t> create_task(audit::ChangeTx& tx, const TaskInput& in);

struct TaskReport {
  int64_t unit_id = 0;          // the reporting unit (owner or cooperating)
  std::optional<int> progress;  // percent
  std::optional<std::string> note;
  std::vector<int64_t> file_ids;  // the reporter's own uploads
};
Status report_progress(audit::ChangeTx& tx, files::FileStore& files, const TaskState& t,
                       const TaskReport& r);
// Completion by the owner unit: a note saying what was done (the evidence), files optional.
Status complete_task(audit::ChangeTx& tx, files::FileStore& files, const TaskState& t,
                     int64_t version, const TaskReport& r);
// The assigning leader sends a completed task back: the evidence did not satisfy.
Status reopen_task(audit::ChangeTx& tx, files::FileStore& files, const TaskState& t,
                   int64_t version, std::string note);

struct TaskQuery {
  int64_t unit_id = 0;
  std::string role = "owner";  // owner | cooperate | assigned (tasks the unit gave)
  std::string status;          // open | done | overdue; empty: all
  std::string text;
  int limit = 50;
  std::optional<storage::SortKey> after;  // paging: the key of the last row seen
};
// Open work by deadline first, then finished work newest first; each row's key places it in
// that order (the deadline of open tasks, then a key falling as the completion gets later).
Result<storage::Keyed<boost::json::value>> list_tasks(storage::Tx& tx, const TaskQuery& q,
                                                      Instant now);
Result<std::optional<boost::json::object>> find_task(storage::Tx& tx, int64_t id, Instant now);

// One row per owner unit within `unit_id` (itself and below) for the month.
struct TaskMonthRow {
  int64_t unit_id = 0;
  std::string unit_name;
  int64_t assigned = 0;      // given during the month
  int64_t done_on_time = 0;  // completed during the month, by the deadline
  int64_t done_late = 0;     // completed during the month, after it
  int64_t open = 0;          // not completed at the end of the month (or now)
  int64_t overdue = 0;       // of those, past their deadline
};
Result<std::vector<TaskMonthRow>> task_month_stats(storage::Tx& tx, const identity::OrgTree& org,
                                                   int64_t unit_id, int year, int month,
                                                   Instant now);

}  // namespace tinhso::documents
