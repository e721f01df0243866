#include "core/http/idempotency_store.h"

#include "core/base/crypto.h"

namespace tinhso::http {

namespace {

constexpr int64_t kHourMs = 3600 * 1000;

int64_t ms(std::chrono::milliseconds d) {
  return d.count();
}

Error already_done() {
  return Error(409, "idempotency.already_done",
               "Yêu cầu này đã được thực hiện nhưng câu trả lời chưa gửi được; vui lòng "
               "tải lại trang để xem kết quả.");
}

}  // namespace

std::string DbIdempotencyStore::stored_key(std::string_view owner, std::string_view key) const {
  if (owner != kAnonymous) return std::string(key);
  return crypto::hex_encode(crypto::hmac_sha256(secret_, std::string("anonymous key\n") += key));
}

std::string DbIdempotencyStore::answer_key(std::string_view key) const {
  return crypto::hmac_sha256(secret_, std::string("anonymous answer\n") += key);
}

Result<IdempotencyStore::Claim> DbIdempotencyStore::claim(std::string_view owner,
                                                          std::string_view sent_key,
                                                          std::string_view request,
                                                          std::chrono::milliseconds abandoned_after,
                                                          bool sealed) {
  std::string key = stored_key(owner, sent_key);
  std::string fingerprint =
      crypto::hex_encode(crypto::hmac_sha256(secret_, std::string("idempotency\n") += request));
  std::string token = crypto::random_token(16);
  int64_t now = to_millis(clock_.now());
  bool sweep = now - last_sweep_ms_.load(std::memory_order_relaxed) > kHourMs;
  auto claim = db_.write([&](storage::Tx& tx) -> Result<Claim> {
    if (sweep)
      TS_TRY(tx.exec("DELETE FROM idempotency_keys WHERE created_at < $1", {now - ms(kKeptFor)}));
    TS_ASSIGN_OR_RETURN(auto inserted,
                        tx.query("INSERT INTO idempotency_keys (owner, key, fingerprint, token, "
                                 "state, created_at) VALUES ($1, $2, $3, $4, 'running', $5) ON "
                                 "CONFLICT (owner, key) DO NOTHING RETURNING created_at",
                                 {owner, key, fingerprint, token, now}));
    if (!inserted.empty()) return Claim{Outcome::kClaimed, token, {}};
    TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT fingerprint, state, status, content_type, "
                                            "location, body, created_at FROM idempotency_keys "
                                            "WHERE owner = $1 AND key = $2",
                                            {owner, key}));
    // Released by its request between the two statements (PostgreSQL): ask to try again.
    if (rows.empty()) return Claim{Outcome::kInProgress, {}, {}};
    auto r = rows.front();
    if (!crypto::constant_time_equals(r.view(0), fingerprint))
      return Claim{Outcome::kKeyReused, {}, {}};
    if (r.view(1) == "done") {
      Claim c{Outcome::kReplay, {}, {}};
      c.stored.status = static_cast<int>(r.i64(2));
      c.stored.content_type = r.str(3);
      if (!r.is_null(4)) c.stored.set_header("Location", r.str(4));
      c.stored.body = r.str(5);
      if (sealed) {
        auto opened = crypto::open(answer_key(sent_key), c.stored.body);
        if (!opened) return Error::internal("a request's sealed answer does not open");
        c.stored.body = std::move(*opened);
      }
      return c;
    }
    if (r.i64(6) > now - ms(abandoned_after)) return Claim{Outcome::kInProgress, {}, {}};
    // Its change committed on a node that died before storing the answer: never again.
    if (r.view(1) == "committed")
      return Claim{Outcome::kReplay, {}, Response::error(already_done())};
    // Left by a node that died mid-request: this request takes it over.
    TS_ASSIGN_OR_RETURN(int64_t n, tx.exec("UPDATE idempotency_keys SET created_at = $3, token = "
                                           "$5 WHERE owner = $1 AND key = $2 AND state = "
                                           "'running' AND created_at = $4",
                                           {owner, key, now, r.i64(6), token}));
    if (n == 1) return Claim{Outcome::kClaimed, token, {}};
    return Claim{Outcome::kInProgress, {}, {}};
  });
  if (claim.ok() && sweep) last_sweep_ms_.store(now, std::memory_order_relaxed);
  return claim;
}

Status DbIdempotencyStore::finish(std::string_view owner, std::string_view sent_key,
                                  std::string_view token, const Response& res, Ending ending) {
  std::string key = stored_key(owner, sent_key);
  bool succeeded = res.status >= 200 && res.status < 300;
  std::optional<Response> kept;
  if (succeeded && ending.keep_body) {
    kept = res;
  } else if (succeeded) {
    kept = Response::error(
        Error(409, "idempotency.answer_not_kept",
              "Yêu cầu này đã được thực hiện. Kết quả có thông tin bí mật chỉ hiển thị "
              "một lần nên không gửi lại được; vui lòng tải lại trang để xem."));
  } else if (ending.committed) {
    kept = Response::error(already_done());
  }
  if (kept && ending.sealed) kept->body = crypto::seal(answer_key(sent_key), kept->body);
  return db_.write([&](storage::Tx& tx) -> Status {
    if (kept) {
      auto location = kept->header("Location");
      TS_TRY(
          tx.exec("UPDATE idempotency_keys SET state = 'done', status = $4, content_type = $5, "
                  "location = $6, body = $7 WHERE owner = $1 AND key = $2 AND token = $3",
                  {owner, key, token, int64_t{kept->status}, kept->content_type,
                   location ? std::optional<std::string_view>(*location) : std::nullopt,
                   storage::Blob{kept->body}}));
    } else {
      TS_TRY(
          tx.exec("DELETE FROM idempotency_keys WHERE owner = $1 AND key = $2 AND token = $3 "
                  "AND state = 'running'",
                  {owner, key, token}));
    }
    return ok_status();
  });
}

Status DbIdempotencyStore::mark_committed(storage::Tx& tx, std::string_view owner,
                                          std::string_view sent_key, std::string_view token) {
  std::string key = stored_key(owner, sent_key);
  TS_ASSIGN_OR_RETURN(int64_t n,
                      tx.exec("UPDATE idempotency_keys SET state = 'committed' WHERE owner = $1 "
                              "AND key = $2 AND token = $3 AND state IN ('running', 'committed')",
                              {owner, key, token}));
  if (n == 0) {
    return Error(409, "idempotency.taken_over",
                 "Yêu cầu này đã được gửi lại và đang được xử lý ở lần gửi sau; vui lòng tải lại "
                 "trang để xem kết quả.");
  }
  return ok_status();
}

}  // namespace tinhso::http
