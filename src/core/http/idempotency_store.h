// The IdempotencyStore on the database (table idempotency_keys), so that a retry reaching
// another node of a cluster finds the first request's claim and answer.
//
// Thread safety: safe for concurrent use; the database orders the claims of one key.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <utility>

#include "core/base/time.h"
#include "core/http/idempotency.h"
#include "core/storage/sql.h"

namespace tinhso::http {

class DbIdempotencyStore final : public IdempotencyStore {
 public:
  // `secret` keys the requests' fingerprints; every node of a cluster needs the same one.
  DbIdempotencyStore(storage::Database& db, const Clock& clock, std::string secret)
      : db_(db), clock_(clock), secret_(std::move(secret)) {}

  Result<Claim> claim(std::string_view owner, std::string_view key, std::string_view request,
                      std::chrono::milliseconds abandoned_after, bool sealed = false) override;
  Status finish(std::string_view owner, std::string_view key, std::string_view token,
                const Response& res, Ending ending) override;
  Status mark_committed(storage::Tx& tx, std::string_view owner, std::string_view key,
                        std::string_view token) override;

 private:
  // What is stored for the key `key` sent by `owner`: a keyed hash for kAnonymous.
  std::string stored_key(std::string_view owner, std::string_view key) const;
  // The key that seals a kept answer (Ending::sealed): only the caller's own key opens it.
  std::string answer_key(std::string_view key) const;

  storage::Database& db_;
  const Clock& clock_;
  std::string secret_;
  std::atomic<int64_t> last_sweep_ms_{0};  // keys older than kKeptFor are deleted hourly
};

}  // namespace tinhso::http
