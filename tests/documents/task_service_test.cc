// TaskService without HTTP, on a real database with the demo province: a leader of the assigning
// unit gives a task, the owner unit's people report and complete it, the assigning leader may
// reopen it, people of other units neither see nor touch it, and each change names in the
// audit log the grant its check relied on.
#include "documents/task_service.h"

#include <gtest/gtest.h>

#include <string>

#include "core/identity/actor_of.h"
#include "documents/demo_province.h"
#include "documents/unit_movers.h"

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

// A reorganisation ends a unit that cooperates on open tasks: its part goes to the successor
// (documents' mover "open_tasks_cooperating"), in batches, and where the successor already
// cooperates on the task the ended unit's row simply goes — never a task cooperated twice by
// one unit or left with the ended unit.
TEST_P(TaskServiceTest, ACooperatingUnitsPartGoesToItsSuccessor) {
  Principal leader = official("lanhdao.stp");
  int64_t office = unit("000.01.03.H47");   // Văn phòng Sở, to be ended
  int64_t support = unit("000.03.03.H47");  // Phòng Bổ trợ tư pháp, its successor
  TaskInput in;
  in.title = "Tổng hợp báo cáo công tác bổ trợ tư pháp";
  in.source_kind = "meeting";
  in.source_note = "Kết luận giao ban";
  in.assigning_unit_id = unit("000.00.03.H47");
  in.owner_unit_id = unit("000.02.03.H47");
  in.due_on = add_days(local_date(app_->clock().now()), 15);
  in.cooperating_unit_ids = {office, support};
  auto both = service().give(leader, identity::actor_of(leader), in);
  ASSERT_TRUE(both.ok()) << both.error().describe();
  in.cooperating_unit_ids = {office};
  auto alone = service().give(leader, identity::actor_of(leader), in);
  ASSERT_TRUE(alone.ok()) << alone.error().describe();

  const identity::UnitMover* mover = nullptr;
  for (const auto& m : unit_movers())
    if (m.key == "open_tasks_cooperating") mover = &m;
  ASSERT_NE(mover, nullptr);
  auto count = [&](int64_t u) {
    auto n = app_->db().read([&](storage::Tx& tx) { return mover->count(tx, u); });
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  };
  int64_t before = count(office);
  ASSERT_GE(before, 2);
  auto move = [&](int64_t limit) {
    std::vector<int64_t> moved;
    auto s = app_->services().changes.apply(
        audit::Actor::system("Sắp xếp đơn vị (kiểm thử)"), [&](audit::ChangeTx& tx) -> Status {
          TS_ASSIGN_OR_RETURN(moved, mover->move(tx, office, support, limit));
          // As the reorganiser's batch does: every change is in the audit log.
          TS_TRY(tx.record("reorganisation.move", "unit", office,
                           boost::json::object{{"moved", static_cast<int64_t>(moved.size())}}));
          return ok_status();
        });
    EXPECT_TRUE(s.ok()) << s.error().describe();
    return moved.size();
  };
  EXPECT_EQ(move(1), 1u);  // a batch of one
  while (move(2) == 2) {
  }
  EXPECT_EQ(count(office), 0);
  auto units_of = [&](int64_t task) {
    std::vector<int64_t> out;
    auto rows = app_->db().read([&](storage::Tx& tx) {
      return tx.query("SELECT unit_id FROM task_units WHERE task_id = $1 ORDER BY unit_id", {task});
    });
    EXPECT_TRUE(rows.ok());
    for (auto r : *rows) out.push_back(r.i64(0));
    return out;
  };
  EXPECT_EQ(units_of(*both), (std::vector<int64_t>{support}));
  EXPECT_EQ(units_of(*alone), (std::vector<int64_t>{support}));
}

INSTANTIATE_TEST_SUITE_P(Engines, TaskServiceTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::documents
