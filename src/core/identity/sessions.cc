#include "core/identity/sessions.h"

#include <spdlog/spdlog.h>

#include "core/base/crypto.h"
#include "core/identity/accounts.h"
#include "core/storage/change_feed.h"

namespace tinhso::identity {
namespace {

Error expired() {
  return Error::unauthenticated("Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.");
}

}  // namespace

SessionStore::SessionStore(storage::Database& db, const Clock& clock, const SecurityConfig& config)
    : db_(db), clock_(clock), config_(config), thread_([this] { background(); }) {}

SessionStore::~SessionStore() {
  stop();
}

void SessionStore::stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  flush();
}

std::string SessionStore::hash_of(std::string_view cookie_value) {
  return crypto::sha256_hex(cookie_value);
}

Result<SessionStore::NewSession> SessionStore::create(storage::Tx& tx, PrincipalKind kind,
                                                      int64_t id, std::string_view ip,
                                                      std::string_view user_agent, Instant now) {
  NewSession s;
  s.cookie_value = crypto::random_token(32);
  s.csrf_token = crypto::random_token(24);
  s.expires_at = now + std::chrono::hours(config_.session_absolute_hours);
  TS_TRY(
      tx.exec("INSERT INTO sessions (id_hash, principal_kind, principal_id, csrf_token, "
              "created_at, last_seen_at, "
              "expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8)",
              {hash_of(s.cookie_value), kind_name(kind), id, s.csrf_token, to_millis(now),
               to_millis(s.expires_at), ip, user_agent.substr(0, 300)}));
  return s;
}

Result<http::PrincipalPtr> SessionStore::resolve(std::string_view cookie_value) {
  if (cookie_value.size() < 20 || cookie_value.size() > 100) return expired();
  std::string hash = hash_of(cookie_value);
  Instant now = clock_.now();
  auto idle = std::chrono::minutes(config_.session_idle_minutes);
  auto fresh_for = std::chrono::seconds(config_.session_cache_seconds);
  uint64_t forgets_before = 0;
  {
    std::lock_guard lock(mu_);
    forgets_before = forgets_;
    auto it = cache_.find(hash);
    if (it != cache_.end() && std::chrono::steady_clock::now() - it->second.cached_at < fresh_for) {
      Cached& c = it->second;
      if (now >= c.absolute_expiry || now - c.last_seen >= idle) {
        cache_.erase(it);
        return expired();
      }
      if (now - c.last_seen > std::chrono::seconds(60)) {
        c.last_seen = now;
        touches_[hash] = to_millis(now);
      }
      return c.principal;
    }
  }
  struct Row {
    Principal principal;
    Instant expires, last_seen;
  };
  auto loaded = db_.read([&](storage::Tx& tx) -> Result<std::optional<Row>> {
    TS_ASSIGN_OR_RETURN(auto rows,
                        tx.query("SELECT principal_kind, principal_id, csrf_token, expires_at, "
                                 "last_seen_at FROM sessions WHERE id_hash = $1",
                                 {hash}));
    if (rows.empty()) return std::optional<Row>();
    auto r = rows.front();
    PrincipalKind kind =
        r.view(0) == "official" ? PrincipalKind::kOfficial : PrincipalKind::kApplicant;
    TS_ASSIGN_OR_RETURN(auto p, load_principal(tx, kind, r.i64(1)));
    if (!p) return std::optional<Row>();
    p->via = Principal::Via::kSession;
    p->session_hash = hash;
    p->csrf_token = r.str(2);
    return std::optional<Row>(Row{std::move(*p), from_millis(r.i64(3)), from_millis(r.i64(4))});
  });
  TS_TRY(loaded);
  std::lock_guard lock(mu_);
  if (!*loaded) {
    cache_.erase(hash);
    return expired();
  }
  Row& row = **loaded;
  if (auto t = touches_.find(hash); t != touches_.end())
    row.last_seen = std::max(row.last_seen, from_millis(t->second));
  if (now >= row.expires || now - row.last_seen >= idle) return expired();
  if (now - row.last_seen > std::chrono::seconds(60)) {
    row.last_seen = now;
    touches_[hash] = to_millis(now);
  }
  auto shared = std::make_shared<const Principal>(std::move(row.principal));
  if (forgets_ == forgets_before) {
    if (cache_.size() > 100000) cache_.clear();  // bounded memory; entries reload on demand
    cache_[hash] = Cached{shared, row.expires, row.last_seen, std::chrono::steady_clock::now()};
  }
  return http::PrincipalPtr(shared);
}

Status SessionStore::revoke(storage::Tx& tx, std::string_view session_hash) {
  TS_TRY(tx.exec("DELETE FROM sessions WHERE id_hash = $1", {session_hash}));
  // The other nodes drop their cached copy when this commits (change_feed.h).
  return storage::announce(tx, "session", session_hash);
}

void SessionStore::forget(std::string_view session_hash) {
  std::lock_guard lock(mu_);
  cache_.erase(std::string(session_hash));
  touches_.erase(std::string(session_hash));
  ++forgets_;
}

void SessionStore::forget_principal(PrincipalKind kind, int64_t id) {
  std::lock_guard lock(mu_);
  std::erase_if(cache_, [&](const auto& kv) {
    return kv.second.principal->kind == kind && kv.second.principal->id == id;
  });
  ++forgets_;
}

void SessionStore::forget_all() {
  std::lock_guard lock(mu_);
  cache_.clear();
  ++forgets_;
}

void SessionStore::flush() {
  std::map<std::string, int64_t> pending;
  {
    std::lock_guard lock(mu_);
    pending.swap(touches_);
  }
  int64_t now = to_millis(clock_.now());
  // Bookkeeping, not a state change people make: written without an audit entry.
  auto s = db_.write([&](storage::Tx& tx) -> Status {
    for (const auto& [hash, seen] : pending) {
      TS_TRY(
          tx.exec("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2 AND last_seen_at < $1",
                  {seen, hash}));
    }
    TS_TRY(tx.exec("DELETE FROM sessions WHERE expires_at < $1 OR last_seen_at < $2",
                   {now, now - int64_t{config_.session_idle_minutes} * 60000}));
    return ok_status();
  });
  if (!s.ok()) spdlog::warn("session bookkeeping failed: {}", s.error().describe());
}

void SessionStore::background() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, std::chrono::seconds(30), [&] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    flush();
    lock.lock();
  }
}

}  // namespace tinhso::identity
