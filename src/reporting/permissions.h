// The reporting module's permissions and the roles that carry them (core/identity/roles.h says
// how permissions work; docs/security.md shows the whole table).
#pragma once

#include "core/identity/roles.h"

namespace tinhso::reporting {

using identity::Permission;
using identity::Role;

inline constexpr Role kAdminRoles[] = {Role::kSystemAdmin, Role::kUnitAdmin};
inline constexpr Role kPreparerRoles[] = {Role::kSystemAdmin, Role::kSpecialist, Role::kClerk,
                                          Role::kLeader};
inline constexpr Role kReviewerRoles[] = {Role::kSystemAdmin, Role::kSpecialist, Role::kLeader};

// Define forms and regimes received by the unit (its administrators).
inline constexpr Permission kManageReporting{"manage_reporting", kAdminRoles};
// Fill a report of the unit and save drafts.
inline constexpr Permission kPrepareReport{"prepare_report", kPreparerRoles};
// Send the unit's report (its leader answers for the figures).
inline constexpr Permission kSubmitReport{"submit_report", identity::kLeaderRoles};
// Read the reports received by the unit, their completeness and aggregates.
inline constexpr Permission kReviewReports{"review_reports", kReviewerRoles};
// Approve, return, reopen and unlock reports received by the unit.
inline constexpr Permission kApproveReport{"approve_report", identity::kLeaderRoles};

inline constexpr Permission kPermissions[] = {kManageReporting, kPrepareReport, kSubmitReport,
                                              kReviewReports, kApproveReport};

}  // namespace tinhso::reporting
