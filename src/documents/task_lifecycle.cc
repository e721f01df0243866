#include "documents/task_lifecycle.h"

namespace tinhso::documents {

std::string_view status_name(TaskStatus s) {
  return s == TaskStatus::kDone ? "done" : "open";
}

std::string_view status_label_vi(TaskStatus s) {
  return s == TaskStatus::kDone ? "Đã hoàn thành" : "Đang thực hiện";
}

std::optional<TaskStatus> parse_task_status(std::string_view s) {
  for (TaskStatus e : kTaskStatuses)
    if (status_name(e) == s) return e;
  return std::nullopt;
}

std::string_view action_name(TaskAction a) {
  switch (a) {
    case TaskAction::kReport:
      return "progress";
    case TaskAction::kComplete:
      return "complete";
    case TaskAction::kReopen:
      return "reopen";
  }
  return "progress";
}

Result<TaskStatus> act_on_task(TaskStatus status, TaskAction action) {
  switch (action) {
    case TaskAction::kReport:
      if (status != TaskStatus::kOpen)
        return Error::conflict("task.closed", "Nhiệm vụ đã hoàn thành; không báo cáo tiến độ nữa.");
      return TaskStatus::kOpen;
    case TaskAction::kComplete:
      if (status != TaskStatus::kOpen)
        return Error::conflict("task.closed", "Nhiệm vụ đã được báo cáo hoàn thành.");
      return TaskStatus::kDone;
    case TaskAction::kReopen:
      if (status != TaskStatus::kDone)
        return Error::conflict("task.open", "Nhiệm vụ đang thực hiện; không cần yêu cầu làm tiếp.");
      return TaskStatus::kOpen;
  }
  return Error::internal("unknown task action");
}

}  // namespace tinhso::documents
