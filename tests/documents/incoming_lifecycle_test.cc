// The incoming document's state machine, table by table: every state with every action, the
// outcome or the refusal (code and the sentence people read).
#include "documents/incoming_lifecycle.h"

#include <gtest/gtest.h>

#include <string>

namespace tinhso::documents {
namespace {

using AS = AssignmentStatus;
using IS = IncomingStatus;
using Role = AssignmentRole;
using Act = AssignmentAction;

TEST(IncomingLifecycle, NamesAndLabelsRoundTrip) {
  for (IS s : kIncomingStatuses) {
    EXPECT_EQ(parse_incoming_status(status_name(s)), s);
    EXPECT_FALSE(status_label_vi(s).empty());
  }
  for (AS s : kAssignmentStatuses) {
    EXPECT_EQ(parse_assignment_status(status_name(s)), s);
    EXPECT_FALSE(status_label_vi(s).empty());
  }
  for (Role r : kAssignmentRoles) {
    EXPECT_EQ(parse_assignment_role(role_name(r)), r);
    EXPECT_FALSE(role_label_vi(r).empty());
  }
  // The stored names the database and the API already use.
  EXPECT_EQ(status_name(IS::kRegistered), "registered");
  EXPECT_EQ(status_name(AS::kForwarded), "forwarded");
  EXPECT_EQ(role_name(Role::kCooperate), "cooperate");
  EXPECT_EQ(status_label_vi(IS::kRegistered), "Chờ giao xử lý");
  EXPECT_EQ(status_label_vi(AS::kDone), "Đã hoàn thành");
  EXPECT_EQ(role_label_vi(Role::kLead), "Chủ trì");
  EXPECT_FALSE(parse_incoming_status("Registered"));
  EXPECT_FALSE(parse_assignment_status(""));
  EXPECT_FALSE(parse_assignment_role("owner"));
}

struct AssignCase {
  IS status;
  bool same_version;
  std::optional<IS> after;  // nullopt: refused
  std::string message;      // the refusal's sentence
};

TEST(IncomingLifecycle, AssigningEveryState) {
  const AssignCase cases[] = {
      {IS::kRegistered, true, IS::kAssigned, ""},
      {IS::kRegistered, false, std::nullopt,
       "Văn bản vừa được người khác cập nhật. Vui lòng tải lại."},
      {IS::kAssigned, true, std::nullopt, "Văn bản đã được giao xử lý."},
      {IS::kAssigned, false, std::nullopt, "Văn bản đã được giao xử lý."},
      {IS::kDone, true, std::nullopt, "Văn bản đã được giao xử lý."},
      {IS::kDone, false, std::nullopt, "Văn bản đã được giao xử lý."},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(status_name(c.status)) + (c.same_version ? " seen" : " stale"));
    auto r = assign_document(c.status, 7, c.same_version ? 7 : 6);
    if (c.after) {
      ASSERT_TRUE(r.ok()) << r.error().describe();
      EXPECT_EQ(*r, *c.after);
    } else {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().status(), 409);
      EXPECT_EQ(r.error().code(), "document.stale");
      EXPECT_EQ(r.error().message(), c.message);
    }
  }
}

struct AssignmentCase {
  AS status;
  Role role;
  Act action;
  std::optional<AS> after;  // nullopt: refused with `code`
  bool completes_document = false;
  std::string code;
};

TEST(IncomingLifecycle, EveryAssignmentStateRoleAndAction) {
  std::vector<AssignmentCase> cases;
  for (Role role : kAssignmentRoles) {
    cases.push_back({AS::kOpen, role, Act::kForward, AS::kForwarded, false, ""});
    if (role == Role::kInform)
      cases.push_back(
          {AS::kOpen, role, Act::kComplete, std::nullopt, false, "document.wrong_status"});
    else
      cases.push_back({AS::kOpen, role, Act::kComplete, AS::kDone, role == Role::kLead, ""});
    for (AS closed : {AS::kForwarded, AS::kDone})
      for (Act action : {Act::kForward, Act::kComplete})
        cases.push_back({closed, role, action, std::nullopt, false, "document.stale"});
  }
  ASSERT_EQ(cases.size(), 3u * 3u * 2u);  // every (state, role, action)
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(status_name(c.status)) + " " + std::string(role_name(c.role)) +
                 (c.action == Act::kForward ? " forward" : " complete"));
    auto r = act_on_assignment(c.status, c.role, c.action);
    if (c.after) {
      ASSERT_TRUE(r.ok()) << r.error().describe();
      EXPECT_EQ(r->after, *c.after);
      EXPECT_EQ(r->completes_document, c.completes_document);
    } else {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code(), c.code);
      EXPECT_EQ(r.error().status(), 409);
    }
  }
}

}  // namespace
}  // namespace tinhso::documents
