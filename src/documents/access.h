// Who may see and act on documents. Registers belong to a unit: its clerks, its leaders (who
// assign) and its handlers read them. An incoming document is also visible to everyone it was
// assigned to; an outgoing one to the drafting unit's handlers, the issuing agency's leaders
// and clerks, and the leader it awaits.
#pragma once

#include "core/http/context.h"
#include "core/storage/sql.h"
#include "documents/handling.h"
#include "documents/outgoing.h"

namespace tinhso::documents {

Status authorize_register_view(http::Context& ctx, int64_t unit_id);
Status authorize_incoming_view(http::Context& ctx, storage::Tx& tx, int64_t document_id,
                               int64_t unit_id);
// The assignment's person, or for a unit-wide assignment, a handler of that unit.
Status authorize_assignment(http::Context& ctx, const AssignmentState& a);
Status authorize_outgoing_view(http::Context& ctx, const OutgoingState& s);

}  // namespace tinhso::documents
