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

// An action that needs a role in a unit, with the roles that carry it. Core declares its own
// below; each module declares its permissions in <module>/permissions.h and lists them in its
// ModuleDef (core/module/module.h), so that the whole table can be shown and checked. A system
// administrator carries every permission.
struct Permission {
  std::string_view name;        // "handle_dossier": unique across modules
  std::span<const Role> roles;  // roles that carry it

  friend constexpr bool operator==(const Permission& a, const Permission& b) {
    return a.name == b.name;
  }
};

// Role sets several permissions share.
inline constexpr Role kSystemRoles[] = {Role::kSystemAdmin};
inline constexpr Role kAdminRoles[] = {Role::kSystemAdmin, Role::kUnitAdmin};
inline constexpr Role kAnyOfficialRole[] = {Role::kSystemAdmin, Role::kUnitAdmin,
                                            Role::kDeskOfficer, Role::kSpecialist,
                                            Role::kLeader,      Role::kClerk};
inline constexpr Role kLeaderRoles[] = {Role::kSystemAdmin, Role::kLeader};

// Province-wide administration: imports, everyone's tokens, audit verification.
inline constexpr Permission kAdministerSystem{"administer_system", kSystemRoles};
// Create and edit units below the granted unit.
inline constexpr Permission kManageOrganisation{"manage_organisation", kAdminRoles};
// Create officials, reset passwords, grant roles in the unit.
inline constexpr Permission kManageOfficials{"manage_officials", kAdminRoles};
inline constexpr Permission kViewOfficials{"view_officials", kAnyOfficialRole};
// Official holiday decisions (province-wide).
inline constexpr Permission kManageCalendar{"manage_calendar", kSystemRoles};
inline constexpr Permission kViewAudit{"view_audit", kAdminRoles};
// Own tokens; system admins manage everyone's.
inline constexpr Permission kManageApiTokens{"manage_api_tokens", kAnyOfficialRole};

inline constexpr Permission kCorePermissions[] = {
    kAdministerSystem, kManageOrganisation, kManageOfficials, kViewOfficials,
    kManageCalendar,   kViewAudit,          kManageApiTokens};

// Whether `r` carries `p`.
bool carries(Role r, const Permission& p);

}  // namespace tinhso::identity
