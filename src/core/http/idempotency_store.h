// The IdempotencyStore on the database (table idempotency_keys), so that a retry reaching
// another node of a cluster finds the first request's claim and answer.
//
// Thread safety: safe for concurrent use; the database orders the claims of one key.
#pragma once

#include <atomic>
#include <cstdint>

#include "core/base/time.h"
#include "core/http/idempotency.h"
#include "core/storage/sql.h"

namespace tinhso::http {

class DbIdempotencyStore final : public IdempotencyStore {
 public:
  DbIdempotencyStore(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<Claim> claim(std::string_view owner, std::string_view key,
                      std::string_view fingerprint) override;
  Status finish(std::string_view owner, std::string_view key, const Response& res) override;

 private:
  storage::Database& db_;
  const Clock& clock_;
  std::atomic<int64_t> last_sweep_ms_{0};  // keys older than kKeptFor are deleted hourly
};

}  // namespace tinhso::http
