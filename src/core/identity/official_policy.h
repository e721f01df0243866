// Who may act on an official's account (edit, deactivate, reset the password, grant or revoke
// roles). Being allowed to manage officials in the target's home unit is not enough: an
// administrator could then reset the password of someone more powerful and log in as them.
//
// The rule: an actor may act on an official only if every role grant the official holds is
// one the actor could have given — inside the actor's scope, reaching no further (a grant
// covering sub-units needs an actor's grant covering them too) — and administrators only
// from strictly above them: a unit administrator is managed by an administrator of a wider
// scope. Nobody but a system administrator acts on a system administrator. No HTTP here: the
// routes and the command line apply the same function.
#pragma once

#include <vector>

#include "core/base/result.h"
#include "core/identity/authorizer.h"

namespace tinhso::identity {

// Whether `actor` could give grant `g` (and therefore take it away).
Status check_may_grant(const Authorizer& authz, const Principal& actor, const Grant& g);

// Whether `actor` may act on the account of an official whose home unit is `home_unit` and
// who holds `grants`.
Status check_may_manage(const Authorizer& authz, const Principal& actor, int64_t home_unit,
                        const std::vector<Grant>& grants);

}  // namespace tinhso::identity
