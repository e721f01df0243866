// Roles officials hold in a unit, and the permissions each role grants. This table is the
// one place that says who may do what; Authorizer applies it with unit scope.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace tinhso::identity {

enum class Role { kSystemAdmin, kUnitAdmin, kDeskOfficer, kSpecialist, kLeader, kClerk };

inline constexpr Role kAllRoles[] = {Role::kSystemAdmin, Role::kUnitAdmin, Role::kDeskOfficer,
                                     Role::kSpecialist,  Role::kLeader,    Role::kClerk};

std::string_view role_name(Role r);      // "desk_officer"
std::string_view role_label_vi(Role r);  // "Cán bộ một cửa"
std::optional<Role> parse_role(std::string_view name);

// Actions that need a role in a unit. Modules add theirs here so the policy stays in one table.
enum class Permission {
  kAdministerSystem,    // province-wide administration: imports, everyone's tokens, audit
                        // verification
  kManageOrganisation,  // create and edit units below the granted unit
  kManageOfficials,     // create officials, reset passwords, grant roles in the unit
  kViewOfficials,
  kManageCalendar,  // official holiday decisions (province-wide)
  kViewAudit,
  kManageApiTokens,  // own tokens; system admins manage everyone's
  // One-stop (issue 3)
  kManageProcedures,
  kReceiveDossier,  // one-stop desk: receive, supplement requests, return results
  kHandleDossier,   // specialist steps
  kApproveDossier,  // leader approval
  kViewDossiers,    // read dossiers of the unit
  kViewStatistics,
  // Documents (issue 5)
  kRegisterDocument,  // clerk: incoming/outgoing registers
  kAssignDocument,    // leader: assign handling
  kHandleDocument,
  kSignDocument,
};

// Roles that carry `p` (a system admin carries every permission).
std::span<const Role> roles_for(Permission p);
std::string_view permission_name(Permission p);

}  // namespace tinhso::identity
