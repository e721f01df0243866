// The feedback item's state machine, table by table: every status with every action, the status
// after or the refusal with its machine code; the sender's actions apart from officials'.
#include "feedback/lifecycle.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <set>
#include <string>

namespace tinhso::feedback {
namespace {

using S = FeedbackStatus;
using A = FeedbackAction;

TEST(FeedbackLifecycle, NamesAndLabelsRoundTrip) {
  std::set<std::string_view> names, labels;
  for (S s : kFeedbackStatuses) {
    EXPECT_EQ(parse_status(status_name(s)), s);
    names.insert(status_name(s));
    labels.insert(status_label_vi(s));
  }
  EXPECT_EQ(names.size(), std::size(kFeedbackStatuses));
  EXPECT_EQ(labels.size(), std::size(kFeedbackStatuses));
  for (A a : kFeedbackActions) {
    EXPECT_EQ(parse_action(action_name(a)), a);
    EXPECT_FALSE(action_label_vi(a).empty());
  }
  EXPECT_FALSE(parse_status("overdue"));  // a view of open items, not a status
  EXPECT_FALSE(parse_action("delete"));
  EXPECT_EQ(status_label_vi(S::kAnswered), "Đã trả lời");
}

// Every (status, action) pair that is allowed, with the status after; all others are refused.
TEST(FeedbackLifecycle, EveryStatusWithEveryAction) {
  const std::map<std::pair<S, A>, S> allowed = {
      {{S::kDraft, A::kComplete}, S::kReceived},
      {{S::kReceived, A::kRegister}, S::kInProgress},
      {{S::kReceived, A::kReject}, S::kRejected},
      {{S::kReceived, A::kForwardOut}, S::kForwardedOut},
      {{S::kReceived, A::kRouteComplaint}, S::kRoutedAsComplaint},
      {{S::kInProgress, A::kTransfer}, S::kInProgress},
      {{S::kInProgress, A::kAssign}, S::kInProgress},
      {{S::kInProgress, A::kExtend}, S::kInProgress},
      {{S::kInProgress, A::kDraftAnswer}, S::kAnswerDrafted},
      {{S::kAnswerDrafted, A::kReturnDraft}, S::kInProgress},
      {{S::kAnswerDrafted, A::kApprove}, S::kAnswered},
      {{S::kAnswered, A::kRate}, S::kClosed},
      {{S::kAnswered, A::kClose}, S::kClosed},
      {{S::kAnswered, A::kReopen}, S::kInProgress},
      {{S::kReceived, A::kMerge}, S::kMerged},
      {{S::kInProgress, A::kMerge}, S::kMerged},
      {{S::kReceived, A::kAsk}, S::kReceived},
      {{S::kInProgress, A::kAsk}, S::kInProgress},
      {{S::kRoutedAsComplaint, A::kAcceptCase}, S::kCaseAccepted},
      {{S::kRoutedAsComplaint, A::kDeclineCase}, S::kCaseDeclined},
      {{S::kCaseAccepted, A::kExtendCase}, S::kCaseAccepted},
      {{S::kCaseAccepted, A::kDecideCase}, S::kCaseDecided},
  };
  for (S s : kFeedbackStatuses) {
    for (A a : kFeedbackActions) {
      if (a == A::kReply && is_open(s)) continue;  // no question asked: its own refusal, below
      auto r = next_status(s, a, ItemFacts{});
      auto it = allowed.find({s, a});
      if (it != allowed.end()) {
        ASSERT_TRUE(r.ok()) << status_name(s) << " " << action_name(a) << ": "
                            << r.error().message();
        EXPECT_EQ(*r, it->second) << status_name(s) << " " << action_name(a);
      } else {
        ASSERT_FALSE(r.ok()) << status_name(s) << " " << action_name(a);
        EXPECT_EQ(r.error().status(), 409);
        EXPECT_EQ(r.error().code(), "feedback.wrong_state");
        EXPECT_NE(r.error().message().find(std::string(status_label_vi(s))), std::string::npos);
      }
    }
  }
}

TEST(FeedbackLifecycle, ADraftIsReceivedOnlyWhenComplete) {
  auto r = next_status(S::kDraft, A::kComplete, ItemFacts{.complete = false});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status(), 422);
}

TEST(FeedbackLifecycle, TheSenderDisagreesOnce) {
  auto r = next_status(S::kAnswered, A::kReopen, ItemFacts{.reopened = true});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), "feedback.reopened_once");
  // Rating stays possible after a reopened item's second answer.
  EXPECT_EQ(*next_status(S::kAnswered, A::kRate, ItemFacts{.reopened = true}), S::kClosed);
}

// A question waits for its reply before another is asked; the sender replies while the item is
// open, whatever the unit does meanwhile, and only to a question.
TEST(FeedbackLifecycle, OneQuestionAtATimeAndRepliesOnlyToOne) {
  auto again = next_status(S::kInProgress, A::kAsk, ItemFacts{.asked = true});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), "feedback.question_pending");
  for (S s : {S::kReceived, S::kInProgress, S::kAnswerDrafted}) {
    EXPECT_EQ(*next_status(s, A::kReply, ItemFacts{.asked = true}), s);
    auto unasked = next_status(s, A::kReply, ItemFacts{});
    ASSERT_FALSE(unasked.ok());
    EXPECT_EQ(unasked.error().code(), "feedback.no_question");
  }
  EXPECT_EQ(next_status(S::kAnswered, A::kReply, ItemFacts{.asked = true}).error().code(),
            "feedback.wrong_state");
}

TEST(FeedbackLifecycle, OpenStatusesAndSenderActions) {
  std::set<S> open;
  for (S s : kFeedbackStatuses)
    if (is_open(s)) open.insert(s);
  EXPECT_EQ(open, (std::set<S>{S::kReceived, S::kInProgress, S::kAnswerDrafted}));
  std::set<A> sender;
  for (A a : kFeedbackActions)
    if (is_sender_action(a)) sender.insert(a);
  EXPECT_EQ(sender, (std::set<A>{A::kComplete, A::kRate, A::kReopen, A::kReply}));
}

}  // namespace
}  // namespace tinhso::feedback
