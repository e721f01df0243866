// The document-management module's permissions and the roles that carry them
// (core/identity/roles.h says how permissions work; docs/security.md shows the whole table).
#pragma once

#include "core/identity/roles.h"

namespace tinhso::documents {

using identity::Permission;
using identity::Role;

inline constexpr Role kClerkRoles[] = {Role::kSystemAdmin, Role::kClerk};
inline constexpr Role kDocumentHandlerRoles[] = {Role::kSystemAdmin, Role::kSpecialist,
                                                 Role::kLeader, Role::kClerk};

// Clerk: the incoming and outgoing registers.
inline constexpr Permission kRegisterDocument{"register_document", kClerkRoles};
// Leader: assign handling.
inline constexpr Permission kAssignDocument{"assign_document", identity::kLeaderRoles};
inline constexpr Permission kHandleDocument{"handle_document", kDocumentHandlerRoles};
inline constexpr Permission kSignDocument{"sign_document", identity::kLeaderRoles};

inline constexpr Permission kPermissions[] = {kRegisterDocument, kAssignDocument, kHandleDocument,
                                              kSignDocument};

}  // namespace tinhso::documents
