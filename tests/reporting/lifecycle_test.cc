// Every report status × action of the state machine (reporting/lifecycle.h).
#include "reporting/lifecycle.h"

#include <gtest/gtest.h>

#include <map>

namespace tinhso::reporting {
namespace {

using S = ReportStatus;
using A = ReportAction;

TEST(ReportLifecycleTest, EveryStatusAndAction) {
  // Expected next status, or the refusal's machine code.
  const std::map<std::pair<S, A>, std::string> expected = {
      {{S::kNone, A::kSave}, "draft"},
      {{S::kNone, A::kSubmit}, "submitted"},
      {{S::kNone, A::kReturn}, "report.not_submitted"},
      {{S::kNone, A::kApprove}, "report.not_submitted"},
      {{S::kNone, A::kReopen}, "report.not_approved"},
      {{S::kNone, A::kUnlock}, "draft"},
      {{S::kDraft, A::kSave}, "draft"},
      {{S::kDraft, A::kSubmit}, "submitted"},
      {{S::kDraft, A::kReturn}, "report.not_submitted"},
      {{S::kDraft, A::kApprove}, "report.not_submitted"},
      {{S::kDraft, A::kReopen}, "report.not_approved"},
      {{S::kDraft, A::kUnlock}, "draft"},
      {{S::kSubmitted, A::kSave}, "report.submitted"},
      {{S::kSubmitted, A::kSubmit}, "report.submitted"},
      {{S::kSubmitted, A::kReturn}, "returned"},
      {{S::kSubmitted, A::kApprove}, "approved"},
      {{S::kSubmitted, A::kReopen}, "report.not_approved"},
      {{S::kSubmitted, A::kUnlock}, "report.not_editable"},
      {{S::kReturned, A::kSave}, "returned"},
      {{S::kReturned, A::kSubmit}, "submitted"},
      {{S::kReturned, A::kReturn}, "report.not_submitted"},
      {{S::kReturned, A::kApprove}, "report.not_submitted"},
      {{S::kReturned, A::kReopen}, "report.not_approved"},
      {{S::kReturned, A::kUnlock}, "returned"},
      {{S::kEndorsed, A::kSave}, "report.submitted"},
      {{S::kEndorsed, A::kSubmit}, "report.submitted"},
      {{S::kEndorsed, A::kReturn}, "returned"},
      {{S::kEndorsed, A::kApprove}, "approved"},
      {{S::kEndorsed, A::kReopen}, "report.not_approved"},
      {{S::kEndorsed, A::kUnlock}, "report.not_editable"},
      {{S::kApproved, A::kSave}, "report.approved"},
      {{S::kApproved, A::kSubmit}, "report.approved"},
      {{S::kApproved, A::kReturn}, "report.not_submitted"},
      {{S::kApproved, A::kApprove}, "report.not_submitted"},
      {{S::kApproved, A::kReopen}, "returned"},
      {{S::kApproved, A::kUnlock}, "report.not_editable"},
  };
  for (S s : kReportStatuses) {
    for (A a : kReportActions) {
      auto it = expected.find({s, a});
      ASSERT_NE(it, expected.end()) << status_name(s) << " × " << action_name(a);
      auto got = next_status(s, a, {});
      std::string outcome = got.ok() ? std::string(status_name(*got)) : got.error().code();
      EXPECT_EQ(outcome, it->second) << status_name(s) << " × " << action_name(a);
      if (!got.ok()) {
        EXPECT_FALSE(got.error().message().empty());
      }
    }
  }
}

TEST(ReportLifecycleTest, LockErrorsAndUnexplainedWarningsStopEntry) {
  EXPECT_EQ(next_status(S::kDraft, A::kSave, {.locked = true}).error().code(), "report.locked");
  EXPECT_EQ(next_status(S::kReturned, A::kSubmit, {.locked = true}).error().code(),
            "report.locked");
  // The receiver still acts on a locked period.
  EXPECT_TRUE(next_status(S::kSubmitted, A::kApprove, {.locked = true}).ok());
  auto errors = next_status(S::kDraft, A::kSubmit, {.has_errors = true});
  EXPECT_EQ(errors.error().code(), "report.invalid");
  EXPECT_EQ(errors.error().status(), 422);
  EXPECT_EQ(next_status(S::kDraft, A::kSubmit, {.unexplained_warnings = true}).error().code(),
            "report.warnings_unexplained");
  // A draft may be saved with errors: that is what drafts are for.
  EXPECT_TRUE(next_status(S::kDraft, A::kSave, {.has_errors = true}).ok());
}

TEST(ReportLifecycleTest, ALevelBelowTheLastPassesTheReportUp) {
  // Three levels: the first two endorse, the last approves; a return at any level sends the
  // report back to the unit.
  EXPECT_EQ(*next_status(S::kSubmitted, A::kApprove, {.last_level = false}), S::kEndorsed);
  EXPECT_EQ(*next_status(S::kEndorsed, A::kApprove, {.last_level = false}), S::kEndorsed);
  EXPECT_EQ(*next_status(S::kEndorsed, A::kApprove, {.last_level = true}), S::kApproved);
  EXPECT_EQ(*next_status(S::kEndorsed, A::kReturn, {.last_level = false}), S::kReturned);
  EXPECT_TRUE(is_sent(S::kEndorsed));
  EXPECT_FALSE(is_editable(S::kEndorsed));
  EXPECT_FALSE(is_sent(S::kReturned));
}

}  // namespace
}  // namespace tinhso::reporting
