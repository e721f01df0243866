// Idempotency-Key: a client that sends a creating request (POST, PATCH) with this header and
// loses the reply (a dropped connection, a 502 from the balancer after the commit) sends the
// same request again with the same key, and gets the first answer instead of a second dossier.
//
// The pipeline claims the key for the caller before the handler runs; a request already
// answered is replayed (with `Idempotent-Replayed: true`), one still running is answered 409
// `idempotency.in_progress` (with Retry-After), and the same key sent with another request is
// 422 `idempotency.key_reused`. What is kept for a day:
//   - a 2xx answer, replayed as it was — or, when the answer shows a secret once (a new API
//     token, a temporary password), only the fact, replayed as 409 `idempotency.answer_not_kept`;
//   - for an error answer after the request's change had committed (a read after the commit
//     failed), the fact, replayed as 409 `idempotency.already_done`: the change is not made twice.
// An error answer with no change committed releases the key: nothing was written.
//
// Each claim carries a random token, and only its holder finishes it. The request's change marks
// its claim "committed" inside the change's own transaction (mark_committed(), run by the
// pipeline through audit::CommitHookScope), so what a node that dies mid-request leaves behind
// is unambiguous:
//   - a claim still "running" after `abandoned_after()` (longer than its route's deadline) changed
//     nothing: a retry takes it over and runs; should the first holder still be alive after
//     all, its change fails at the mark instead of acting twice;
//   - a claim "committed" but never finished (the node died after its commit, before storing
//     the answer) is answered 409 `idempotency.already_done` once older than
//     that, and "in progress" before: the change is never made twice.
// Requests are fingerprinted with a keyed hash, so request bodies holding passwords are not kept
// in a form that can be tested offline.
//
// Keys are per person (the authenticated principal). Public routes ignore the header, except
// those that create something for a caller with no account (RouteSpec::anonymous_retries: a
// feedback item sent without logging in), whose retries must find the first answer all the
// same. Their keys share one owner, kAnonymous, and are kept only as keyed hashes, and must be
// long enough not to meet another caller's (at least 16 characters; the web sends 32). The
// answers of such routes, which hold the sender's secret link, are kept sealed with the key the
// caller sent (which is not stored) — signed in or not: the database alone cannot give the link
// away. A retry must send the same body as well as the same key, or it is refused as a reused
// key.
#pragma once

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/http/message.h"
#include "core/storage/sql.h"

namespace tinhso::http {

class IdempotencyStore {
 public:
  static constexpr std::chrono::seconds kAbandonedAfter{30};
  static constexpr std::chrono::hours kKeptFor{24};
  // The owner of the keys of callers who are not logged in.
  static constexpr std::string_view kAnonymous = "anonymous";

  enum class Outcome { kClaimed, kReplay, kInProgress, kKeyReused };
  struct Claim {
    Outcome outcome = Outcome::kClaimed;
    std::string token;  // kClaimed: what finish() needs
    Response stored;    // kReplay: the answer to give
  };
  // How a claimed request ended.
  struct Ending {
    bool committed = false;  // an audited change of the request committed
    bool keep_body = true;   // false: the answer shows a secret once
    bool sealed = false;     // kept sealed with the caller's key (a route with anonymous_retries)
  };

  // After how long a claim of a route whose requests may wait on the database for `deadline`
  // (storage/deadline.h) is abandoned: past the deadline, the grace of its COMMIT and the
  // keeping of its answer (5 s each), with 5 s more for the clocks of two nodes (claims are
  // dated by the node's clock); never less than kAbandonedAfter.
  static std::chrono::milliseconds abandoned_after(std::chrono::milliseconds deadline) {
    return std::max<std::chrono::milliseconds>(kAbandonedAfter,
                                               deadline + std::chrono::seconds(15));
  }

  virtual ~IdempotencyStore() = default;
  // Claims `key` of `owner` for `request` (its method, target and body); an earlier claim still
  // running or committed without its answer counts as abandoned after `abandoned_after`.
  // `sealed`: the route's answers are kept sealed (Ending::sealed), and opened to replay.
  virtual Result<Claim> claim(std::string_view owner, std::string_view key,
                              std::string_view request, std::chrono::milliseconds abandoned_after,
                              bool sealed = false) = 0;
  virtual Status finish(std::string_view owner, std::string_view key, std::string_view token,
                        const Response& res, Ending ending) = 0;
  // Inside the transaction of the claimed request's change: marks the claim committed; an error
  // (409, rolling the change back) when another request has taken the claim over.
  virtual Status mark_committed(storage::Tx& tx, std::string_view owner, std::string_view key,
                                std::string_view token) = 0;
};

// The value of an Idempotency-Key header: 1–128 visible ASCII characters; nullopt when absent,
// an error (400) when malformed.
Result<std::optional<std::string>> idempotency_key(const Request& req);

}  // namespace tinhso::http
