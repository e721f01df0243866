// API tokens for machine clients (the national portal connector, reporting tools).
//
// A token is "tsk_<id>_<secret>"; only SHA-256(secret) is stored. A token acts as the
// official who created it, read-only unless created with the "write" scope, until it expires
// or is revoked. Tokens are not subject to CSRF checks (they are not sent automatically by
// browsers).
//
// Thread safety: TokenStore may be called from any thread; one mutex guards its cache.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/audit/change_log.h"
#include "core/base/time.h"
#include "core/http/authenticator.h"
#include "core/identity/principal.h"

namespace tinhso::identity {

struct ApiToken {
  int64_t id = 0;
  int64_t official_id = 0;
  std::string name;
  bool can_write = false;
  Instant created_at;
  std::optional<Instant> expires_at, revoked_at;
};

boost::json::object api_token_json(const ApiToken& t);

class TokenStore {
 public:
  TokenStore(storage::Database& db, const Clock& clock, int cache_seconds)
      : db_(db), clock_(clock), cache_seconds_(cache_seconds) {}

  struct Created {
    ApiToken token;
    std::string secret_text;  // shown once
  };
  Result<Created> create(audit::ChangeLog& log, const audit::Actor& actor, int64_t official_id,
                         std::string name, bool can_write, std::optional<int> expires_in_days);
  Result<std::vector<ApiToken>> list(std::optional<int64_t> official_id);
  Result<ApiToken> get(int64_t id);
  Status revoke(audit::ChangeLog& log, const audit::Actor& actor, int64_t id);
  // The principal of "Bearer tsk_…"; an error when the token is unknown, revoked or expired.
  Result<http::PrincipalPtr> resolve(std::string_view bearer);
  // Drops cached tokens (revocation.h).
  void forget_official(int64_t official_id);
  void forget_all();

 private:
  struct Cached {
    http::PrincipalPtr principal;
    std::string secret_hash;
    std::optional<Instant> expires_at;
    std::chrono::steady_clock::time_point cached_at;
  };
  storage::Database& db_;
  const Clock& clock_;
  int cache_seconds_;
  std::mutex mu_;
  std::unordered_map<int64_t, Cached> cache_;
  // Moves on every forget: a load that read the database before a forget must not put what it
  // read back into the cache after it.
  uint64_t forgets_ = 0;
};

}  // namespace tinhso::identity
