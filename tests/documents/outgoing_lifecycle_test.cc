// The outgoing document's state machine, table by table: every status with every action, the
// status after or the refusal (code and the sentence people read).
#include "documents/outgoing_lifecycle.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace tinhso::documents {
namespace {

using S = OutgoingStatus;
using A = OutgoingAction;

TEST(OutgoingLifecycle, NamesAndLabelsRoundTrip) {
  for (S s : kOutgoingStatuses) {
    EXPECT_EQ(parse_outgoing_status(status_name(s)), s);
    EXPECT_FALSE(status_label_vi(s).empty());
  }
  // The stored names the database, the API and the timeline already use.
  EXPECT_EQ(status_name(S::kInReview), "in_review");
  EXPECT_EQ(status_label_vi(S::kApproved), "Đã duyệt, chờ cấp số");
  EXPECT_EQ(action_name(A::kReturn), "return");
  EXPECT_EQ(action_name(A::kApprove), "approve");
  EXPECT_FALSE(parse_outgoing_status("In_review"));
  EXPECT_FALSE(parse_outgoing_status(""));
}

TEST(OutgoingLifecycle, EveryActionInEveryStatus) {
  // The status each action leads to from the one status it applies in; every other pair is
  // refused as the wrong status.
  const std::map<std::pair<S, A>, S> allowed = {
      {{S::kDraft, A::kRevise}, S::kDraft},        {{S::kDraft, A::kSubmit}, S::kInReview},
      {{S::kInReview, A::kPass}, S::kInReview},    {{S::kInReview, A::kReturn}, S::kDraft},
      {{S::kInReview, A::kApprove}, S::kApproved}, {{S::kApproved, A::kIssue}, S::kIssued},
  };
  int refused = 0;
  for (S s : kOutgoingStatuses) {
    for (A a : kOutgoingActions) {
      SCOPED_TRACE(std::string(status_name(s)) + " + " + std::string(action_name(a)));
      auto r = act_on_outgoing(s, 7, 7, a);
      auto it = allowed.find({s, a});
      if (it != allowed.end()) {
        ASSERT_TRUE(r.ok()) << r.error().describe();
        EXPECT_EQ(*r, it->second);
        continue;
      }
      ++refused;
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code(), "document.wrong_status");
      EXPECT_EQ(r.error().message(), "Văn bản đang ở trạng thái \"" +
                                         std::string(status_label_vi(s)) +
                                         "\", không thực hiện được thao tác này.");
    }
  }
  EXPECT_EQ(refused, 4 * 6 - 6);
}

TEST(OutgoingLifecycle, AStaleVersionIsRefusedBeforeTheStatus) {
  // Someone acted since the person loaded the page: reload, whatever the status is now.
  for (S s : kOutgoingStatuses) {
    for (A a : kOutgoingActions) {
      auto r = act_on_outgoing(s, 8, 7, a);
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code(), "document.stale");
      EXPECT_EQ(r.error().message(), "Văn bản vừa được người khác cập nhật. Vui lòng tải lại.");
    }
  }
}

TEST(OutgoingLifecycle, AnIssuedDocumentIsFinal) {
  for (A a : kOutgoingActions) EXPECT_FALSE(act_on_outgoing(S::kIssued, 1, 1, a).ok());
}

}  // namespace
}  // namespace tinhso::documents
