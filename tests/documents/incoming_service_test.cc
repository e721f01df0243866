// IncomingService without HTTP, on a real database with the demo province: a clerk registers
// in their own unit's register only, a leader of it assigns, the unit's handler completes the
// work given to the unit, nobody outside sees or touches it, and each change names in the audit
// log the grant its check relied on.
#include "documents/incoming_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/identity/actor_of.h"
#include "documents/demo_province.h"

namespace tinhso::documents {
namespace {

using identity::Principal;

class IncomingServiceTest : public DemoProvinceTest {
 protected:
  IncomingService& service() { return documents().incoming(); }

  IncomingInput received(const Principal& clerk, const std::string& notation) {
    IncomingInput in;
    in.unit_id = unit("000.00.03.H47");  // Sở Tư pháp
    in.issuer_name = "Bộ Tư pháp";
    in.notation = notation;
    in.issued_on = local_date(app_->clock().now());
    in.doc_type = "cong_van";
    in.subject = "V/v hướng dẫn chứng thực điện tử";
    in.file_ids = {upload(clerk, "cong-van.pdf")};
    return in;
  }
  int64_t version_of(const Principal& who, int64_t id) {
    auto v = service().view(who, id);
    EXPECT_TRUE(v.ok()) << v.error().describe();
    return v.ok() ? v->entry.at("version").as_int64() : 0;
  }
};

TEST_P(IncomingServiceTest, RegisteredAssignedAndCompletedByThoseWhoMay) {
  Principal clerk = official("vanthu.stp");
  Principal leader = official("lanhdao.stp");
  Principal specialist = official("chuyenvien.stp");
  Principal outsider = official("vanthu.ubndtinh");
  std::string notation = "15/BTP-DVSV-" + GetParam();

  // Only the unit's clerk registers in its register.
  auto refused = service().register_document(outsider, identity::actor_of(outsider),
                                             received(outsider, notation));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().status(), 403);
  auto id =
      service().register_document(clerk, identity::actor_of(clerk), received(clerk, notation));
  ASSERT_TRUE(id.ok()) << id.error().describe();
  // The same document again is a duplicate.
  auto again =
      service().register_document(clerk, identity::actor_of(clerk), received(clerk, notation));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().status(), 409);

  // A leader of the unit assigns; a specialist may not.
  AssignInput work;
  work.version = version_of(clerk, *id);
  work.lead = Assignee{unit("000.02.03.H47"), std::nullopt};  // Phòng Hành chính tư pháp
  work.deadline_days = 3;
  EXPECT_EQ(
      service().assign(specialist, identity::actor_of(specialist), *id, work).error().status(),
      403);
  ASSERT_TRUE(service().assign(leader, identity::actor_of(leader), *id, work).ok());

  // The division's specialist finds it in their work; nobody outside sees it.
  WorkQuery q;
  q.limit = 200;
  auto mine = service().work(specialist, q);
  ASSERT_TRUE(mine.ok()) << mine.error().describe();
  int64_t assignment = 0;
  for (const auto& a : mine->rows)
    if (a.at("document_id").as_int64() == *id) assignment = a.at("id").as_int64();
  ASSERT_NE(assignment, 0);
  auto theirs = service().work(outsider, q);
  ASSERT_TRUE(theirs.ok());
  EXPECT_TRUE(std::none_of(theirs->rows.begin(), theirs->rows.end(),
                           [&](const auto& a) { return a.at("document_id").as_int64() == *id; }));
  EXPECT_EQ(service().view(outsider, *id).error().status(), 403);
  EXPECT_EQ(
      service().complete(outsider, identity::actor_of(outsider), assignment, {}).error().status(),
      403);

  auto done = service().complete(specialist, identity::actor_of(specialist), assignment,
                                 NoteInput{"Đã nghiên cứu, không phát sinh việc.", {}});
  ASSERT_TRUE(done.ok()) << done.error().describe();
  EXPECT_EQ(*done, *id);
  // Completing twice is refused by the state machine.
  EXPECT_FALSE(service().complete(specialist, identity::actor_of(specialist), assignment, {}).ok());
  auto entry = service().view(leader, *id);
  ASSERT_TRUE(entry.ok());
  EXPECT_EQ(entry->entry.at("status").at("key").as_string(), "done");

  auto audit = audit_of("incoming_document", *id);
  EXPECT_EQ(audit["document.incoming.register"].actor_id, clerk.id);
  EXPECT_EQ(audit["document.incoming.register"].role, "clerk");
  EXPECT_EQ(audit["document.incoming.assign"].actor_id, leader.id);
  EXPECT_EQ(audit["document.incoming.assign"].role, "leader");
  EXPECT_EQ(audit["document.incoming.assign"].unit_id, unit("000.00.03.H47"));
  EXPECT_EQ(audit["document.incoming.done"].actor_id, specialist.id);
  EXPECT_EQ(audit["document.incoming.done"].unit_id, unit("000.02.03.H47"));
}

INSTANTIATE_TEST_SUITE_P(Engines, IncomingServiceTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::documents
