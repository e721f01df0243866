// The audit actor of a person acting outside HTTP (services called by tests, command-line
// tools) and inside it (http::Context::actor adds the request id and address): one mapping
// from a Principal and the grant that authorised the action to the audit log's actor.
#pragma once

#include <optional>

#include "core/audit/actor.h"
#include "core/identity/principal.h"

namespace tinhso::identity {

audit::Actor actor_of(const Principal& who, const std::optional<Grant>& grant = std::nullopt);

}  // namespace tinhso::identity
