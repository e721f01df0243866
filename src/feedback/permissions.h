// The feedback module's permissions and the roles that carry them (core/identity/roles.h says
// how permissions work; docs/security.md shows the whole table).
#pragma once

#include "core/identity/roles.h"

namespace tinhso::feedback {

using identity::Permission;
using identity::Role;

inline constexpr Role kReceptionRoles[] = {Role::kSystemAdmin, Role::kDeskOfficer, Role::kClerk};
inline constexpr Role kHandlerRoles[] = {Role::kSystemAdmin, Role::kSpecialist, Role::kLeader};

// The reception office: registers, classifies, routes, rejects; enters calls and letters.
inline constexpr Permission kReceiveFeedback{"receive_feedback", kReceptionRoles};
// The competent unit's officials: draft the answer.
inline constexpr Permission kHandleFeedback{"handle_feedback", kHandlerRoles};
// The competent unit's leaders: assign, transfer, extend, approve the answer.
inline constexpr Permission kApproveFeedback{"approve_feedback", identity::kLeaderRoles};

inline constexpr Permission kPermissions[] = {kReceiveFeedback, kHandleFeedback, kApproveFeedback};

}  // namespace tinhso::feedback
