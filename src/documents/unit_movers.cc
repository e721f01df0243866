#include "documents/unit_movers.h"

#include <fmt/format.h>

namespace tinhso::documents {
namespace {

// Items of `table` at a unit (column `unit_column`) in state `status`: counted, and moved in
// batches. The outer condition repeats the inner one so that on PostgreSQL a row another node
// moved meanwhile is left alone.
template <const char* kTable, const char* kUnitColumn, const char* kStatus>
struct Open {
  static Result<int64_t> count(storage::Tx& tx, int64_t unit) {
    TS_ASSIGN_OR_RETURN(auto rows, tx.query(fmt::format("SELECT count(*) FROM {} WHERE {} = $1 "
                                                        "AND status = '{}'",
                                                        kTable, kUnitColumn, kStatus),
                                            {unit}));
    return rows.front().i64(0);
  }
  static Result<std::vector<int64_t>> move(audit::ChangeTx& tx, int64_t from, int64_t to,
                                           int64_t limit) {
    TS_ASSIGN_OR_RETURN(
        auto rows,
        tx.sql().query(fmt::format("UPDATE {0} SET {1} = $2 WHERE id IN (SELECT id FROM {0} WHERE "
                                   "{1} = $1 AND status = '{2}' ORDER BY id LIMIT $3) AND {1} = $1 "
                                   "AND status = '{2}' RETURNING id",
                                   kTable, kUnitColumn, kStatus),
                       {from, to, limit}));
    std::vector<int64_t> ids;
    for (auto r : rows) ids.push_back(r.i64(0));
    return ids;
  }
};

constexpr char kArrivals[] = "document_arrivals";
constexpr char kAssignments[] = "document_assignments";
constexpr char kTasks[] = "tasks";
constexpr char kUnitId[] = "unit_id";
constexpr char kOwnerUnitId[] = "owner_unit_id";
constexpr char kAssigningUnitId[] = "assigning_unit_id";
constexpr char kPending[] = "pending";
constexpr char kOpen[] = "open";

// Outgoing documents not yet issued (no register number yet): their issuing and drafting unit.
constexpr std::string_view kUnissuedAt =
    "status <> 'issued' AND (unit_id = $1 OR drafting_unit_id = $1)";

Result<int64_t> count_unissued(storage::Tx& tx, int64_t unit) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT count(*) FROM outgoing_documents WHERE {}", kUnissuedAt),
               {unit}));
  return rows.front().i64(0);
}

Result<std::vector<int64_t>> move_unissued(audit::ChangeTx& tx, int64_t from, int64_t to,
                                           int64_t limit) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.sql().query(fmt::format("UPDATE outgoing_documents SET unit_id = CASE WHEN unit_id = $1 "
                                 "THEN $2 ELSE unit_id END, drafting_unit_id = CASE WHEN "
                                 "drafting_unit_id = $1 THEN $2 ELSE drafting_unit_id END "
                                 "WHERE id IN (SELECT id FROM outgoing_documents WHERE {0} ORDER "
                                 "BY id LIMIT $3) AND {0} RETURNING id",
                                 kUnissuedAt),
                     {from, to, limit}));
  std::vector<int64_t> ids;
  for (auto r : rows) ids.push_back(r.i64(0));
  return ids;
}

// Units that cooperate on an open task (task_units): the successor takes the ended unit's
// part; where it already cooperates on the task, the ended unit's row simply goes.
constexpr std::string_view kCooperatingAt =
    "tu.unit_id = $1 AND EXISTS (SELECT 1 FROM tasks t WHERE t.id = tu.task_id AND t.status = "
    "'open')";
constexpr std::string_view kSuccessorCooperates =
    "EXISTS (SELECT 1 FROM task_units x WHERE x.task_id = tu.task_id AND x.unit_id = $2)";

Result<int64_t> count_cooperating(storage::Tx& tx, int64_t unit) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT count(*) FROM task_units tu WHERE {}", kCooperatingAt), {unit}));
  return rows.front().i64(0);
}

Result<std::vector<int64_t>> move_cooperating(audit::ChangeTx& tx, int64_t from, int64_t to,
                                              int64_t limit) {
  std::vector<int64_t> tasks;
  TS_ASSIGN_OR_RETURN(
      auto gone,
      tx.sql().query(fmt::format("DELETE FROM task_units WHERE unit_id = $1 AND task_id IN "
                                 "(SELECT tu.task_id FROM task_units tu WHERE {} AND {} ORDER BY "
                                 "tu.task_id LIMIT $3) RETURNING task_id",
                                 kCooperatingAt, kSuccessorCooperates),
                     {from, to, limit}));
  for (auto r : gone) tasks.push_back(r.i64(0));
  int64_t left = limit - static_cast<int64_t>(tasks.size());
  if (left <= 0) return tasks;
  TS_ASSIGN_OR_RETURN(
      auto moved,
      tx.sql().query(fmt::format("UPDATE task_units SET unit_id = $2 WHERE unit_id = $1 AND "
                                 "task_id IN (SELECT tu.task_id FROM task_units tu WHERE {} AND "
                                 "NOT {} ORDER BY tu.task_id LIMIT $3) RETURNING task_id",
                                 kCooperatingAt, kSuccessorCooperates),
                     {from, to, left}));
  for (auto r : moved) tasks.push_back(r.i64(0));
  return tasks;
}

using Arrivals = Open<kArrivals, kUnitId, kPending>;
using Assignments = Open<kAssignments, kUnitId, kOpen>;
using Tasks = Open<kTasks, kOwnerUnitId, kOpen>;
using TasksAssigned = Open<kTasks, kAssigningUnitId, kOpen>;

constexpr identity::UnitMover kMovers[] = {
    {.key = "document_arrivals",
     .label = "Văn bản điện tử chờ vào sổ",
     .target = identity::UnitMover::Target::kWork,
     .count = Arrivals::count,
     .move = Arrivals::move},
    {.key = "document_assignments",
     .label = "Văn bản đến đang xử lý",
     .target = identity::UnitMover::Target::kWork,
     .count = Assignments::count,
     .move = Assignments::move},
    {.key = "outgoing_unissued",
     .label = "Văn bản đi chưa ban hành (dự thảo, đang trình, đã duyệt)",
     .target = identity::UnitMover::Target::kWork,
     .count = count_unissued,
     .move = move_unissued},
    {.key = "open_tasks",
     .label = "Nhiệm vụ được giao chưa hoàn thành",
     .target = identity::UnitMover::Target::kWork,
     .count = Tasks::count,
     .move = Tasks::move},
    {.key = "open_tasks_assigned",
     .label = "Nhiệm vụ đơn vị đã giao, đang theo dõi",
     .target = identity::UnitMover::Target::kWork,
     .count = TasksAssigned::count,
     .move = TasksAssigned::move},
    {.key = "open_tasks_cooperating",
     .label = "Nhiệm vụ đơn vị phối hợp thực hiện",
     .target = identity::UnitMover::Target::kWork,
     .count = count_cooperating,
     .move = move_cooperating},
};

}  // namespace

std::span<const identity::UnitMover> unit_movers() {
  return kMovers;
}

}  // namespace tinhso::documents
