// TaskService without HTTP, on a real database with the demo province: a leader of the assigning
// unit gives a task, the owner unit's people report and complete it, the assigning leader may
// reopen it, people of other units neither see nor touch it, and each change names in the
// audit log the grant its check relied on.
#include "documents/task_service.h"

#include <gtest/gtest.h>

#include <string>

#include "core/identity/actor_of.h"
#include "documents/demo_province.h"

namespace tinhso::documents {
namespace {

using identity::Principal;

class TaskServiceTest : public DemoProvinceTest {
 protected:
  TaskService& service() { return documents().tasks(); }
};

TEST_P(TaskServiceTest, GivenReportedCompletedAndReopenedByThoseWhoMay) {
  Principal leader = official("lanhdao.stp");
  Principal specialist = official("chuyenvien.stp");
  Principal outsider = official("vanthu.ubndtinh");
  TaskInput in;
  in.title = "Rà soát thủ tục chứng thực năm 2026";
  in.source_kind = "meeting";
  in.source_note = "Kết luận giao ban tháng 12";
  in.assigning_unit_id = unit("000.00.03.H47");  // Sở Tư pháp
  in.owner_unit_id = unit("000.02.03.H47");      // Phòng Hành chính tư pháp
  in.due_on = add_days(local_date(app_->clock().now()), 10);

  EXPECT_EQ(service().give(specialist, identity::actor_of(specialist), in).error().status(), 403);
  auto id = service().give(leader, identity::actor_of(leader), in);
  ASSERT_TRUE(id.ok()) << id.error().describe();

  EXPECT_EQ(service().view(outsider, *id).error().status(), 403);
  TaskQuery q;
  q.unit_id = in.owner_unit_id;
  EXPECT_EQ(service().list(outsider, q).error().status(), 403);
  auto listed = service().list(specialist, q);
  ASSERT_TRUE(listed.ok()) << listed.error().describe();
  bool found = false;
  for (const auto& t : listed->rows) found |= t.at("id").as_int64() == *id;
  EXPECT_TRUE(found);

  TaskReport progress;
  progress.progress = 50;
  progress.note = "Đã rà soát một nửa số thủ tục.";
  EXPECT_EQ(
      service().report(outsider, identity::actor_of(outsider), *id, progress).error().status(),
      403);
  ASSERT_TRUE(service().report(specialist, identity::actor_of(specialist), *id, progress).ok());

  auto version = [&] { return service().view(leader, *id)->at("version").as_int64(); };
  TaskReport evidence;
  evidence.note = "Đã rà soát xong, báo cáo kèm theo.";
  ASSERT_TRUE(service()
                  .complete(specialist, identity::actor_of(specialist), *id, version(), evidence)
                  .ok());
  // Only the assigning unit's leader sends it back.
  EXPECT_EQ(service()
                .reopen(specialist, identity::actor_of(specialist), *id, version(), "Chưa đạt.")
                .error()
                .status(),
            403);
  ASSERT_TRUE(service()
                  .reopen(leader, identity::actor_of(leader), *id, version(), "Bổ sung số liệu.")
                  .ok());
  EXPECT_EQ(service().view(specialist, *id)->at("status").at("key").as_string(), "open");

  auto audit = audit_of("task", *id);
  for (const char* action : {"task.create", "task.progress", "task.complete", "task.reopen"})
    EXPECT_EQ(audit.count(action), 1u) << action;
  for (const auto& [action, e] : audit) {
    if (e.actor_id == leader.id) {
      EXPECT_EQ(e.role, "leader") << action;
      EXPECT_EQ(e.unit_id, in.assigning_unit_id) << action;
    } else {
      EXPECT_EQ(e.actor_id, specialist.id) << action;
      EXPECT_EQ(e.role, "specialist") << action;
      EXPECT_EQ(e.unit_id, in.owner_unit_id) << action;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, TaskServiceTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::documents
