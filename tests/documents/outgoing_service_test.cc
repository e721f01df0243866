// OutgoingService without HTTP, on a real database with the demo province: the review chain
// authorises on the Principal alone — whom a draft awaits, who may sign for the agency, who
// registers — refuses a stale step without changing anything, and records every step in the
// audit log under the person who took it and the role the check relied on. (Signing is off
// here; that no key signs for a refused step is tested in integration/document_signing_test.)
#include "documents/outgoing_service.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/identity/actor_of.h"
#include "documents/demo_province.h"

namespace tinhso::documents {
namespace {

using identity::Principal;

class OutgoingServiceTest : public DemoProvinceTest {
 protected:
  OutgoingService& service() { return documents().outgoing(); }
  DraftInput draft_by(const Principal& drafter) {
    DraftInput in;
    in.unit_id = unit("000.00.03.H47");           // Sở Tư pháp issues
    in.drafting_unit_id = unit("000.02.03.H47");  // Phòng Hành chính tư pháp drafts
    in.doc_type = "cong_van";
    in.subject = "V/v rà soát thủ tục chứng thực";
    in.main_file_id = upload(drafter);
    in.recipient_unit_ids = {unit("000.00.01.H47")};
    return in;
  }
  int64_t version_of(const Principal& who, int64_t id) {
    auto v = service().view(who, id);
    EXPECT_TRUE(v.ok()) << v.error().describe();
    return v.ok() ? v->at("version").as_int64() : 0;
  }
  Status step(const Principal& who, int64_t id, OutgoingAction action, int64_t version,
              std::optional<int64_t> reviewer = std::nullopt) {
    StepInput in{action, version, reviewer, std::nullopt};
    if (action == OutgoingAction::kReturn) in.note = "Bổ sung số liệu.";
    return service().act(who, identity::actor_of(who), id, in);
  }
};

TEST_P(OutgoingServiceTest, TheReviewChainAuthorisesOnThePrincipalAlone) {
  Principal specialist = official("chuyenvien.stp");
  Principal leader = official("lanhdao.stp");
  Principal clerk = official("vanthu.stp");
  Principal outsider = official("vanthu.ubndtinh");

  // Drafting needs the handling permission in the drafting unit.
  auto refused = service().draft(outsider, identity::actor_of(outsider), draft_by(outsider));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().status(), 403);
  auto id = service().draft(specialist, identity::actor_of(specialist), draft_by(specialist));
  ASSERT_TRUE(id.ok()) << id.error().describe();

  // The leaders offered are the ones a submission is accepted for.
  auto leaders = service().reviewers(specialist, unit("000.02.03.H47"));
  ASSERT_TRUE(leaders.ok()) << leaders.error().describe();
  bool offered = false;
  for (const auto& l : *leaders) offered |= l.at("id").as_int64() == leader.id;
  EXPECT_TRUE(offered);
  EXPECT_EQ(service().reviewers(outsider, unit("000.02.03.H47")).error().status(), 403);

  int64_t v = version_of(specialist, *id);
  ASSERT_TRUE(step(specialist, *id, OutgoingAction::kSubmit, v, leader.id).ok());
  v = version_of(specialist, *id);

  // Only the leader it awaits reviews it; someone who cannot see it learns nothing more.
  auto not_yours = step(specialist, *id, OutgoingAction::kApprove, v);
  ASSERT_FALSE(not_yours.ok());
  EXPECT_EQ(not_yours.error().status(), 403);
  EXPECT_NE(not_yours.error().message().find("không đang chờ"), std::string::npos);
  auto hidden = step(outsider, *id, OutgoingAction::kApprove, v);
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().status(), 403);
  EXPECT_EQ(hidden.error().message().find("không đang chờ"), std::string::npos);
  EXPECT_EQ(service().view(outsider, *id).error().status(), 403);

  // A step on a version someone else has moved on from is refused, and changes nothing.
  auto stale = step(leader, *id, OutgoingAction::kApprove, v - 1);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code(), "document.stale");
  EXPECT_EQ(version_of(leader, *id), v);

  ASSERT_TRUE(step(leader, *id, OutgoingAction::kApprove, v).ok());
  v = version_of(leader, *id);
  // Issue is the clerk's: the leader who approved may not number it.
  EXPECT_EQ(step(leader, *id, OutgoingAction::kIssue, v).error().status(), 403);
  ASSERT_TRUE(step(clerk, *id, OutgoingAction::kIssue, v).ok());
  auto issued = service().view(clerk, *id);
  ASSERT_TRUE(issued.ok());
  EXPECT_EQ(issued->at("status").at("key").as_string(), "issued");
  EXPECT_FALSE(issued->at("notation").as_string().empty());

  // Each step is in the audit log under the person who took it…
  auto audit = audit_of("outgoing_document", *id);
  std::map<std::string, int64_t> by_action;
  for (const auto& [action, e] : audit) by_action[action] = e.actor_id;
  EXPECT_EQ(by_action, (std::map<std::string, int64_t>{{"document.outgoing.draft", specialist.id},
                                                       {"document.outgoing.submit", specialist.id},
                                                       {"document.outgoing.approve", leader.id},
                                                       // issue delivers to the units it names
                                                       {"document.outgoing.deliver", clerk.id},
                                                       {"document.outgoing.issue", clerk.id}}));
  // …and under the grant the transaction's check relied on.
  int64_t justice = unit("000.00.03.H47");
  EXPECT_EQ(audit["document.outgoing.approve"].role, "leader");
  EXPECT_EQ(audit["document.outgoing.approve"].unit_id, justice);
  EXPECT_EQ(audit["document.outgoing.issue"].role, "clerk");
  EXPECT_EQ(audit["document.outgoing.issue"].unit_id, justice);
  EXPECT_EQ(audit["document.outgoing.submit"].role, "specialist");
}

TEST_P(OutgoingServiceTest, AReturnedDraftGoesBackToItsDrafterWithTheReason) {
  Principal specialist = official("chuyenvien.stp");
  Principal leader = official("lanhdao.stp");
  auto id = service().draft(specialist, identity::actor_of(specialist), draft_by(specialist));
  ASSERT_TRUE(id.ok()) << id.error().describe();
  ASSERT_TRUE(
      step(specialist, *id, OutgoingAction::kSubmit, version_of(specialist, *id), leader.id).ok());
  // The lists: the leader's awaiting list holds it; nobody reads another leader's list.
  OutgoingQuery mine;
  mine.reviewer_id = leader.id;
  auto awaiting = service().list(leader, mine);
  ASSERT_TRUE(awaiting.ok());
  bool listed = false;
  for (const auto& row : awaiting->rows) listed |= row.at("id").as_int64() == *id;
  EXPECT_TRUE(listed);
  EXPECT_EQ(service().list(specialist, mine).error().status(), 403);

  ASSERT_TRUE(step(leader, *id, OutgoingAction::kReturn, version_of(leader, *id)).ok());
  auto back = service().view(specialist, *id);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->at("status").at("key").as_string(), "draft");
  bool reason = false;
  for (const auto& e : back->at("events").as_array())
    reason |=
        e.at("action").as_string() == "return" && e.at("note").as_string() == "Bổ sung số liệu.";
  EXPECT_TRUE(reason);
}

INSTANTIATE_TEST_SUITE_P(Engines, OutgoingServiceTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::documents
