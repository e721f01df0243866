#include "reporting/access.h"

#include "reporting/permissions.h"

namespace tinhso::reporting {

Result<identity::Grant> check_manage(const identity::Authorizer& authz,
                                     const identity::Principal& who, int64_t receiver_unit) {
  return authz.check(who, kManageReporting, receiver_unit);
}

Result<identity::Grant> check_view(const identity::Authorizer& authz,
                                   const identity::Principal& who, const Regime& g, int64_t unit) {
  auto own = authz.check(who, kPrepareReport, unit);
  if (own.ok()) return own;
  return check_review(authz, who, g);
}

Result<identity::Grant> check_action(const identity::Authorizer& authz,
                                     const identity::Principal& who, const Regime& g, int64_t unit,
                                     ReportAction a, int approved_levels) {
  switch (a) {
    case ReportAction::kSave:
      return authz.check(who, kPrepareReport, unit);
    case ReportAction::kSubmit:
      return authz.check(who, kSubmitReport, unit);
    case ReportAction::kReturn:
    case ReportAction::kApprove:
      // The level whose turn it is (an approved report: the last, which may reopen it).
      return authz.check(who, kApproveReport, approver_at(g, approved_levels));
    case ReportAction::kReopen:
      return authz.check(who, kApproveReport, approver_at(g, approval_levels(g) - 1));
    case ReportAction::kUnlock:
      return authz.check(who, kApproveReport, g.receiver_unit_id);
  }
  return Error::forbidden();
}

Result<identity::Grant> check_indicators(const identity::Authorizer& authz,
                                         const identity::Principal& who, int64_t unit) {
  auto reviewer = authz.check(who, kReviewReports, unit);
  if (reviewer.ok()) return reviewer;
  // Administrators set the targets, so they see what the targets judge.
  auto admin = authz.check(who, kManageReporting, unit);
  return admin.ok() ? admin : reviewer;
}

Result<identity::Grant> check_review(const identity::Authorizer& authz,
                                     const identity::Principal& who, const Regime& g) {
  auto receiver = authz.check(who, kReviewReports, g.receiver_unit_id);
  if (receiver.ok()) return receiver;
  for (int64_t u : g.approver_units)
    if (auto level = authz.check(who, kReviewReports, u); level.ok()) return level;
  return receiver;
}

}  // namespace tinhso::reporting
