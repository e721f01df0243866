// Who may see and act on documents. Registers belong to a unit: its clerks, its leaders (who
// assign) and its handlers read them. An incoming document is also visible to everyone it was
// assigned to; an outgoing one to the drafting unit's handlers, the issuing agency's leaders
// and clerks, and the leader it awaits.
//
// Each check answers for a Principal, without HTTP: the grant it relied on (the audit entry
// names it), no grant when the person acts because they were named, or a 403.
#pragma once

#include <optional>

#include "core/identity/authorizer.h"
#include "core/storage/sql.h"
#include "documents/handling.h"
#include "documents/outgoing.h"

namespace tinhso::documents {

using AccessGrant = std::optional<identity::Grant>;

Result<AccessGrant> authorize_register_view(const identity::Principal& who,
                                            const identity::Authorizer& authz, int64_t unit_id);
Result<AccessGrant> authorize_incoming_view(const identity::Principal& who,
                                            const identity::Authorizer& authz, storage::Tx& tx,
                                            int64_t document_id, int64_t unit_id);
// The assignment's person, or for a unit-wide assignment, a handler of that unit.
Result<AccessGrant> authorize_assignment(const identity::Principal& who,
                                         const identity::Authorizer& authz,
                                         const AssignmentState& a);
// The log of received edXML messages (what other agencies sent, rejected attempts included):
// system administrators.
Result<AccessGrant> authorize_exchange_log(const identity::Principal& who,
                                           const identity::Authorizer& authz);
Result<AccessGrant> authorize_outgoing_view(const identity::Principal& who,
                                            const identity::Authorizer& authz,
                                            const OutgoingState& s);

}  // namespace tinhso::documents
