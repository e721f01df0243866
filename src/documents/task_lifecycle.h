// The life of a task given by a leader: its states, the actions on it, and what each action does
// in each state. Pure: no database, no clock, no person; tasks.cc applies the outcome inside one
// transaction, where a conditional UPDATE still guards against a concurrent change, and
// access.h decides who may act.
//
//   open ──report──▶ open     (progress, by the owner or a cooperating unit)
//   open ──complete─▶ done    (by the owner, with what was done)
//   done ──reopen──▶ open     (by the assigning leader: the evidence did not satisfy)
#pragma once

#include <optional>
#include <string_view>

#include "core/base/result.h"

namespace tinhso::documents {

enum class TaskStatus { kOpen, kDone };
enum class TaskAction { kReport, kComplete, kReopen };

inline constexpr TaskStatus kTaskStatuses[] = {TaskStatus::kOpen, TaskStatus::kDone};
inline constexpr TaskAction kTaskActions[] = {TaskAction::kReport, TaskAction::kComplete,
                                              TaskAction::kReopen};

// Names as stored and as the API speaks them; labels as people read them.
std::string_view status_name(TaskStatus s);
std::string_view status_label_vi(TaskStatus s);
std::optional<TaskStatus> parse_task_status(std::string_view s);
std::string_view action_name(TaskAction a);

// The status after `action` on a task in `status`, or the refusal people read ("task.closed"
// when the task is done, "task.open" when reopening one still open).
Result<TaskStatus> act_on_task(TaskStatus status, TaskAction action);

}  // namespace tinhso::documents
