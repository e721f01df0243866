#include "core/http/idempotency_store.h"

#include <utility>

namespace tinhso::http {

namespace {

constexpr int64_t kHourMs = 3600 * 1000;

}  // namespace

Result<IdempotencyStore::Claim> DbIdempotencyStore::claim(std::string_view owner,
                                                          std::string_view key,
                                                          std::string_view fingerprint) {
  int64_t now = to_millis(clock_.now());
  bool sweep = now - last_sweep_ms_.load(std::memory_order_relaxed) > kHourMs;
  int64_t kept_ms = std::chrono::duration_cast<std::chrono::milliseconds>(kKeptFor).count();
  int64_t abandoned_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(kAbandonedAfter).count();
  auto claim = db_.write([&](storage::Tx& tx) -> Result<Claim> {
    if (sweep)
      TS_TRY(tx.exec("DELETE FROM idempotency_keys WHERE created_at < $1", {now - kept_ms}));
    TS_ASSIGN_OR_RETURN(auto inserted,
                        tx.query("INSERT INTO idempotency_keys (owner, key, fingerprint, state, "
                                 "created_at) VALUES ($1, $2, $3, 'running', $4) ON CONFLICT "
                                 "(owner, key) DO NOTHING RETURNING created_at",
                                 {owner, key, fingerprint, now}));
    if (!inserted.empty()) return Claim{Outcome::kClaimed, {}};
    TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT fingerprint, state, status, content_type, "
                                            "location, body, created_at FROM idempotency_keys "
                                            "WHERE owner = $1 AND key = $2",
                                            {owner, key}));
    // Released by its request between the two statements (PostgreSQL): ask to try again.
    if (rows.empty()) return Claim{Outcome::kInProgress, {}};
    auto r = rows.front();
    if (r.view(0) != fingerprint) return Claim{Outcome::kKeyReused, {}};
    if (r.view(1) == "done") {
      Claim c{Outcome::kReplay, {}};
      c.stored.status = static_cast<int>(r.i64(2));
      c.stored.content_type = r.str(3);
      if (!r.is_null(4)) c.stored.set_header("Location", r.str(4));
      c.stored.body = r.str(5);
      return c;
    }
    if (r.i64(6) > now - abandoned_ms) return Claim{Outcome::kInProgress, {}};
    // Left by a node that died mid-request: this request takes it over.
    TS_ASSIGN_OR_RETURN(int64_t n, tx.exec("UPDATE idempotency_keys SET created_at = $3 WHERE "
                                           "owner = $1 AND key = $2 AND state = 'running' AND "
                                           "created_at = $4",
                                           {owner, key, now, r.i64(6)}));
    return Claim{n == 1 ? Outcome::kClaimed : Outcome::kInProgress, {}};
  });
  if (claim.ok() && sweep) last_sweep_ms_.store(now, std::memory_order_relaxed);
  return claim;
}

Status DbIdempotencyStore::finish(std::string_view owner, std::string_view key,
                                  const Response& res) {
  return db_.write([&](storage::Tx& tx) -> Status {
    if (res.status >= 200 && res.status < 300) {
      auto location = res.header("Location");
      TS_TRY(
          tx.exec("UPDATE idempotency_keys SET state = 'done', status = $3, content_type = $4, "
                  "location = $5, body = $6 WHERE owner = $1 AND key = $2",
                  {owner, key, int64_t{res.status}, res.content_type,
                   location ? std::optional<std::string_view>(*location) : std::nullopt,
                   storage::Blob{res.body}}));
    } else {
      TS_TRY(
          tx.exec("DELETE FROM idempotency_keys WHERE owner = $1 AND key = $2 AND state = "
                  "'running'",
                  {owner, key}));
    }
    return ok_status();
  });
}

}  // namespace tinhso::http
