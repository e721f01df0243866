// Confirming a new citizen's or business's phone number or e-mail address: registration sends
// a six-digit code there through the outbox (SMS when a phone was given and an SMS gateway is
// configured, else e-mail), and the account can do nothing but enter it (or ask for another)
// until it does. A code lives 15 minutes and allows 5 attempts; a new one may be asked for
// once a minute. Only its hash is stored. An installation with neither channel configured
// cannot send codes; its new accounts are taken as they are, and the log says so.
#pragma once

#include <optional>
#include <string>

#include "core/audit/change_log.h"
#include "core/config/config.h"

namespace tinhso::identity {

// Inside the registration's transaction: a code for `applicant_id`, enqueued to the first
// channel that can reach it. False when no channel can (the account is then not held back).
Result<bool> send_contact_code(storage::Tx& tx, const NotifyConfig& notify, int64_t applicant_id,
                               const std::optional<std::string>& phone,
                               const std::optional<std::string>& email, int64_t now_ms);

// Checks `code`; on success the account is no longer held back. A wrong code is not an error
// of the transaction (the attempt must be counted and committed): it comes back as
// confirmed = false with the attempts left.
struct ContactConfirmation {
  bool confirmed = false;
  int attempts_left = 0;
};
Result<ContactConfirmation> confirm_contact(audit::ChangeTx& tx, int64_t applicant_id,
                                            std::string_view code);

// A new code to the same place (at most one a minute).
Status resend_contact_code(audit::ChangeTx& tx, const NotifyConfig& notify, int64_t applicant_id);

// "09******78" / "n***@example.vn": where the code went, for the person to recognise.
std::string masked_contact(std::string_view target);

}  // namespace tinhso::identity
