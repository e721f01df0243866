// Idempotency-Key: a client that sends a creating request (POST, PATCH) with this header and
// loses the reply (a dropped connection, a 502 from the balancer after the commit) sends the
// same request again with the same key, and gets the first answer instead of a second dossier.
//
// The pipeline claims the key for the caller before the handler runs; a request already
// answered is replayed (with `Idempotent-Replayed: true`), one still running is answered 409
// `idempotency.in_progress` (with Retry-After), and the same key sent with another request is
// 422 `idempotency.key_reused`. A successful answer (2xx) is kept for a day; after a failed one
// the key is released, because a failed request rolled back whatever it had begun. A claim left
// by a node that died between its commit and storing the answer is taken over after
// `kAbandonedAfter`: that one case can still act twice.
//
// Keys are per person (the authenticated principal); public routes ignore the header.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/http/message.h"

namespace tinhso::http {

class IdempotencyStore {
 public:
  static constexpr std::chrono::seconds kAbandonedAfter{120};
  static constexpr std::chrono::hours kKeptFor{24};

  enum class Outcome { kClaimed, kReplay, kInProgress, kKeyReused };
  struct Claim {
    Outcome outcome = Outcome::kClaimed;
    Response stored;  // kReplay: the first answer
  };

  virtual ~IdempotencyStore() = default;
  // Claims `key` of `owner` for a request with `fingerprint` (a hash of method, path and body).
  virtual Result<Claim> claim(std::string_view owner, std::string_view key,
                              std::string_view fingerprint) = 0;
  // Keeps the answer of a claimed request (2xx), or releases the claim (anything else).
  virtual Status finish(std::string_view owner, std::string_view key, const Response& res) = 0;
};

// The value of an Idempotency-Key header: 1–128 visible ASCII characters; nullopt when absent,
// an error (400) when malformed.
Result<std::optional<std::string>> idempotency_key(const Request& req);

}  // namespace tinhso::http
