// Who may use the one-stop system's screens as a whole: manage the procedure catalog, see the
// work queues and their counts, receive at the counter, read statistics and registers, and
// administer the national-sync outbox. Each check answers for a Principal, without HTTP: the
// grant it relied on (the audit entry names it) or a 403. What a person may do to one dossier
// is decided by the state machine (lifecycle.h); which dossiers a queue lists, by queues.h.
#pragma once

#include <cstdint>
#include <optional>

#include "core/identity/authorizer.h"

namespace tinhso::onestop {

using AccessGrant = std::optional<identity::Grant>;

// Procedures are province-wide: managing them is authorised in the province's root unit.
Result<AccessGrant> authorize_catalog(const identity::Principal& who,
                                      const identity::Authorizer& authz);
// The work queues, their counts and the look-up by code: a grant to view dossiers somewhere
// (the lists keep to its scope).
Result<AccessGrant> authorize_queues(const identity::Principal& who,
                                     const identity::Authorizer& authz);
// Receiving at the counter: a desk somewhere; which desk receives is reception.h's business.
Result<AccessGrant> authorize_counter(const identity::Principal& who,
                                      const identity::Authorizer& authz);
// Statistics and service-quality indicators of `agency`.
Result<AccessGrant> authorize_statistics(const identity::Principal& who,
                                         const identity::Authorizer& authz, int64_t agency);
// The tracking register (Mẫu 06, now 07) of a desk or agency.
Result<AccessGrant> authorize_register(const identity::Principal& who,
                                       const identity::Authorizer& authz, int64_t unit);
// The national-sync outbox (dead letters, retries): system administrators.
Result<AccessGrant> authorize_outbox(const identity::Principal& who,
                                     const identity::Authorizer& authz);

}  // namespace tinhso::onestop
