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
  return authz.check(who, kReviewReports, g.receiver_unit_id);
}

Result<identity::Grant> check_action(const identity::Authorizer& authz,
                                     const identity::Principal& who, const Regime& g, int64_t unit,
                                     ReportAction a) {
  switch (a) {
    case ReportAction::kSave:
      return authz.check(who, kPrepareReport, unit);
    case ReportAction::kSubmit:
      return authz.check(who, kSubmitReport, unit);
    case ReportAction::kReturn:
    case ReportAction::kApprove:
    case ReportAction::kReopen:
    case ReportAction::kUnlock:
      return authz.check(who, kApproveReport, g.receiver_unit_id);
  }
  return Error::forbidden();
}

Result<identity::Grant> check_review(const identity::Authorizer& authz,
                                     const identity::Principal& who, const Regime& g) {
  return authz.check(who, kReviewReports, g.receiver_unit_id);
}

}  // namespace tinhso::reporting
