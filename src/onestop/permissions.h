// The one-stop module's permissions and the roles that carry them (core/identity/roles.h says
// how permissions work; docs/security.md shows the whole table).
#pragma once

#include "core/identity/roles.h"

namespace tinhso::onestop {

using identity::Permission;
using identity::Role;

inline constexpr Role kDeskRoles[] = {Role::kSystemAdmin, Role::kDeskOfficer};
// Desk officers hold it too: at a small commune desk one official receives and handles.
inline constexpr Role kHandlerRoles[] = {Role::kSystemAdmin, Role::kSpecialist, Role::kLeader,
                                         Role::kDeskOfficer};
inline constexpr Role kDossierReaderRoles[] = {
    Role::kSystemAdmin, Role::kUnitAdmin, Role::kDeskOfficer, Role::kSpecialist, Role::kLeader};

// The procedure catalogue of the unit.
inline constexpr Permission kManageProcedures{"manage_procedures", identity::kAdminRoles};
// One-stop desk: receive, request supplements, return results.
inline constexpr Permission kReceiveDossier{"receive_dossier", kDeskRoles};
// Specialist steps.
inline constexpr Permission kHandleDossier{"handle_dossier", kHandlerRoles};
// Leader approval.
inline constexpr Permission kApproveDossier{"approve_dossier", identity::kLeaderRoles};
// Read the unit's dossiers.
inline constexpr Permission kViewDossiers{"view_dossiers", kDossierReaderRoles};
inline constexpr Permission kViewStatistics{"view_statistics", identity::kAnyOfficialRole};

inline constexpr Permission kPermissions[] = {kManageProcedures, kReceiveDossier, kHandleDossier,
                                              kApproveDossier,   kViewDossiers,   kViewStatistics};

}  // namespace tinhso::onestop
