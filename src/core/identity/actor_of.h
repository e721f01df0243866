// The audit actor of a person acting outside HTTP (services called by tests, command-line
// tools) and inside it (http::Context::actor adds the request id and address): one mapping
// from a Principal and the grant that authorised the action to the audit log's actor.
#pragma once

#include <optional>

#include "core/audit/actor.h"
#include "core/audit/change_log.h"
#include "core/base/result.h"
#include "core/identity/principal.h"

namespace tinhso::identity {

audit::Actor actor_of(const Principal& who, const std::optional<Grant>& grant = std::nullopt);

// Inside a change: the grant a check in the transaction relied on, for the audit entries
// recorded after it; no grant (the person acted because they were named) changes nothing.
void authorised_by(audit::ChangeTx& tx, const std::optional<Grant>& grant);
// Passes a check's error on; on success notes its grant as above.
Status authorised_by(audit::ChangeTx& tx, Result<std::optional<Grant>> checked);
Status authorised_by(audit::ChangeTx& tx, Result<Grant> checked);

}  // namespace tinhso::identity
