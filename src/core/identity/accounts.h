// Reading accounts: officials and applicants as principals, and finding an account by the
// login a person types (username, phone number or e-mail address).
#pragma once

#include <optional>
#include <string>

#include "core/identity/principal.h"
#include "core/storage/sql.h"

namespace tinhso::identity {

// The principal with its grants; nullopt when the account does not exist or is inactive.
Result<std::optional<Principal>> load_principal(storage::Tx& tx, PrincipalKind kind, int64_t id);

struct AccountCredentials {
  PrincipalKind kind = PrincipalKind::kOfficial;
  int64_t id = 0;
  std::string full_name;
  std::string password_hash;
  bool active = true;
  int64_t failed_logins = 0;
  std::optional<int64_t> locked_until_ms;  // a lock after a clearly abusive run
  std::optional<int64_t> delay_until_ms;   // the next attempt from anywhere waits until then
};

Result<std::optional<AccountCredentials>> find_credentials(storage::Tx& tx, PrincipalKind kind,
                                                           std::string_view login);

// Vietnamese mobile numbers: "0912 345 678", "+84912345678", "84912345678" → "0912345678";
// nullopt when it is not a plausible Vietnamese phone number.
std::optional<std::string> normalize_phone(std::string_view input);
bool plausible_email(std::string_view s);

}  // namespace tinhso::identity
