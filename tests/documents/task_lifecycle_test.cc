// The task's state machine, table by table: every status with every action, the status after or
// the refusal (code and the sentence people read).
#include "documents/task_lifecycle.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace tinhso::documents {
namespace {

using S = TaskStatus;
using A = TaskAction;

TEST(TaskLifecycle, NamesAndLabelsRoundTrip) {
  for (S s : kTaskStatuses) {
    EXPECT_EQ(parse_task_status(status_name(s)), s);
    EXPECT_FALSE(status_label_vi(s).empty());
  }
  EXPECT_EQ(status_name(S::kOpen), "open");
  EXPECT_EQ(status_label_vi(S::kDone), "Đã hoàn thành");
  // The history's kinds, as stored before the state machine existed.
  EXPECT_EQ(action_name(A::kReport), "progress");
  EXPECT_EQ(action_name(A::kComplete), "complete");
  EXPECT_EQ(action_name(A::kReopen), "reopen");
  EXPECT_FALSE(parse_task_status("overdue"));  // a view of open tasks, not a status
}

struct Case {
  S status;
  A action;
  std::optional<S> after;  // nullopt: refused
  std::string code, message;
};

TEST(TaskLifecycle, EveryActionInEveryStatus) {
  const Case cases[] = {
      {S::kOpen, A::kReport, S::kOpen, "", ""},
      {S::kOpen, A::kComplete, S::kDone, "", ""},
      {S::kOpen, A::kReopen, std::nullopt, "task.open",
       "Nhiệm vụ đang thực hiện; không cần yêu cầu làm tiếp."},
      {S::kDone, A::kReport, std::nullopt, "task.closed",
       "Nhiệm vụ đã hoàn thành; không báo cáo tiến độ nữa."},
      {S::kDone, A::kComplete, std::nullopt, "task.closed", "Nhiệm vụ đã được báo cáo hoàn thành."},
      {S::kDone, A::kReopen, S::kOpen, "", ""},
  };
  ASSERT_EQ(std::size(cases), std::size(kTaskStatuses) * std::size(kTaskActions));
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(status_name(c.status)) + " + " + std::string(action_name(c.action)));
    auto r = act_on_task(c.status, c.action);
    if (c.after) {
      ASSERT_TRUE(r.ok()) << r.error().describe();
      EXPECT_EQ(*r, *c.after);
    } else {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code(), c.code);
      EXPECT_EQ(r.error().message(), c.message);
    }
  }
}

}  // namespace
}  // namespace tinhso::documents
