// SessionStore: login sessions behind the HttpOnly session cookie.
//
// The cookie holds a random 256-bit value; the database keeps only its SHA-256, with the
// CSRF token, the principal and the expiry (idle and absolute). Each node caches resolved
// sessions for `session_cache_seconds`; revoke() announces the change
// (storage/change_feed.h), so on PostgreSQL the other nodes drop their copy when it commits,
// and the cache's lifetime only bounds how long a node that missed the notice (its listening
// connection was down) keeps one; withdrawn access is covered by revocation.h too. Last-seen
// times are written in the background, in batches, so that resolving a session never waits for a
// write.
//
// Thread safety: every method may be called from any thread; one mutex guards the cache and the
// pending last-seen times, and the background flusher thread takes it only to swap the batch out.
#pragma once

#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>

#include "core/base/time.h"
#include "core/config/config.h"
#include "core/http/authenticator.h"
#include "core/identity/principal.h"
#include "core/storage/sql.h"

namespace tinhso::identity {

class SessionStore {
 public:
  static constexpr std::string_view kCookieName = "tinhso_session";

  SessionStore(storage::Database& db, const Clock& clock, const SecurityConfig& config);
  ~SessionStore();

  struct NewSession {
    std::string cookie_value;
    std::string csrf_token;
    Instant expires_at;
  };
  // Inserts a session inside the caller's (login) transaction.
  Result<NewSession> create(storage::Tx& tx, PrincipalKind kind, int64_t id, std::string_view ip,
                            std::string_view user_agent, Instant now);
  // The principal of a session cookie; an error when the session is unknown or expired.
  Result<http::PrincipalPtr> resolve(std::string_view cookie_value);

  static std::string hash_of(std::string_view cookie_value);
  // Deletes sessions inside the caller's transaction; call forget*() after it commits.
  Status revoke(storage::Tx& tx, std::string_view session_hash);
  void forget(std::string_view session_hash);
  void forget_principal(PrincipalKind kind, int64_t id);
  void forget_all();

  // Writes pending last-seen times and deletes expired sessions (also done periodically).
  void flush();
  void stop();

 private:
  struct Cached {
    http::PrincipalPtr principal;
    Instant absolute_expiry;
    Instant last_seen;
    std::chrono::steady_clock::time_point cached_at;
  };
  void background();

  storage::Database& db_;
  const Clock& clock_;
  SecurityConfig config_;
  std::mutex mu_;
  std::unordered_map<std::string, Cached> cache_;
  // Moves on every forget: a load that read the database before a forget must not put what it
  // read back into the cache after it.
  uint64_t forgets_ = 0;
  std::map<std::string, int64_t> touches_;  // hash → last seen (ms)
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tinhso::identity
