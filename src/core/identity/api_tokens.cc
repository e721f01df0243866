#include "core/identity/api_tokens.h"

#include <fmt/format.h>

#include <charconv>

#include "core/base/crypto.h"
#include "core/identity/accounts.h"
#include "core/identity/revocation.h"

namespace tinhso::identity {
namespace {

Error invalid_token() {
  return Error::unauthenticated(
      "Khóa truy cập (API token) không hợp lệ, đã hết hạn hoặc đã bị thu hồi.");
}

ApiToken token_from_row(const storage::Rows::Row& r) {
  ApiToken t;
  t.id = r.i64(0);
  t.official_id = r.i64(1);
  t.name = r.str(2);
  t.can_write = r.view(3).find("write") != std::string_view::npos;
  t.created_at = from_millis(r.i64(4));
  if (!r.is_null(5)) t.expires_at = from_millis(r.i64(5));
  if (!r.is_null(6)) t.revoked_at = from_millis(r.i64(6));
  return t;
}

constexpr std::string_view kTokenColumns =
    "id, official_id, name, scopes, created_at, expires_at, revoked_at";

}  // namespace

boost::json::object api_token_json(const ApiToken& t) {
  boost::json::object o{
      {"id", t.id},
      {"official_id", t.official_id},
      {"name", t.name},
      {"scopes", t.can_write ? boost::json::array{"read", "write"} : boost::json::array{"read"}},
      {"created_at", format_rfc3339(t.created_at)}};
  o["expires_at"] = t.expires_at ? boost::json::value(format_rfc3339(*t.expires_at)) : nullptr;
  o["revoked_at"] = t.revoked_at ? boost::json::value(format_rfc3339(*t.revoked_at)) : nullptr;
  return o;
}

Result<TokenStore::Created> TokenStore::create(audit::ChangeLog& log, const audit::Actor& actor,
                                               int64_t official_id, std::string name,
                                               bool can_write, std::optional<int> expires_in_days) {
  std::string secret = crypto::random_token(32);
  return log.apply(actor, [&](audit::ChangeTx& tx) -> Result<Created> {
    std::optional<int64_t> expires;
    if (expires_in_days) expires = tx.now_ms() + int64_t{*expires_in_days} * 86400000;
    TS_ASSIGN_OR_RETURN(auto rows,
                        tx.sql().query("INSERT INTO api_tokens (official_id, name, secret_hash, "
                                       "scopes, created_at, expires_at) "
                                       "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                                       {official_id, name, crypto::sha256_hex(secret),
                                        can_write ? "read write" : "read", tx.now_ms(), expires}));
    Created c;
    c.token.id = rows.front().i64(0);
    c.token.official_id = official_id;
    c.token.name = name;
    c.token.can_write = can_write;
    c.token.created_at = tx.now();
    if (expires) c.token.expires_at = from_millis(*expires);
    c.secret_text = fmt::format("tsk_{}_{}", c.token.id, secret);
    TS_TRY(tx.record("api_token.create", "api_token", c.token.id, api_token_json(c.token)));
    return c;
  });
}

Result<std::vector<ApiToken>> TokenStore::list(std::optional<int64_t> official_id) {
  return db_.read([&](storage::Tx& tx) -> Result<std::vector<ApiToken>> {
    TS_ASSIGN_OR_RETURN(
        auto rows,
        tx.query(
            fmt::format(
                "SELECT {} FROM api_tokens WHERE CAST($1 AS BIGINT) IS NULL OR official_id = $1 "
                "ORDER BY id DESC LIMIT 500",
                kTokenColumns),
            {official_id}));
    std::vector<ApiToken> out;
    for (auto r : rows) out.push_back(token_from_row(r));
    return out;
  });
}

Result<ApiToken> TokenStore::get(int64_t id) {
  return db_.read([&](storage::Tx& tx) -> Result<ApiToken> {
    TS_ASSIGN_OR_RETURN(
        auto rows,
        tx.query(fmt::format("SELECT {} FROM api_tokens WHERE id = $1", kTokenColumns), {id}));
    if (rows.empty()) return Error::not_found("Không tìm thấy khóa truy cập.");
    return token_from_row(rows.front());
  });
}

Status TokenStore::revoke(audit::ChangeLog& log, const audit::Actor& actor, int64_t id) {
  TS_TRY(log.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    TS_ASSIGN_OR_RETURN(
        int64_t n,
        tx.sql().exec("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
                      {tx.now_ms(), id}));
    if (n == 0) return Error::not_found("Không tìm thấy khóa truy cập còn hiệu lực.");
    TS_TRY(bump_revocation_epoch(tx.sql(), tx.now_ms()));
    return tx.record("api_token.revoke", "api_token", id, boost::json::object{{"revoked", true}});
  }));
  std::lock_guard lock(mu_);
  cache_.erase(id);
  ++forgets_;
  return ok_status();
}

void TokenStore::forget_official(int64_t official_id) {
  std::lock_guard lock(mu_);
  std::erase_if(cache_, [&](const auto& kv) { return kv.second.principal->id == official_id; });
  ++forgets_;
}

void TokenStore::forget_all() {
  std::lock_guard lock(mu_);
  cache_.clear();
  ++forgets_;
}

Result<http::PrincipalPtr> TokenStore::resolve(std::string_view bearer) {
  // tsk_<id>_<secret>
  if (!bearer.starts_with("tsk_")) return invalid_token();
  auto rest = bearer.substr(4);
  auto sep = rest.find('_');
  if (sep == std::string_view::npos) return invalid_token();
  int64_t id = 0;
  auto [p, ec] = std::from_chars(rest.data(), rest.data() + sep, id);
  if (ec != std::errc() || p != rest.data() + sep) return invalid_token();
  std::string hash = crypto::sha256_hex(rest.substr(sep + 1));
  Instant now = clock_.now();
  uint64_t forgets_before = 0;
  {
    std::lock_guard lock(mu_);
    forgets_before = forgets_;
    auto it = cache_.find(id);
    if (it != cache_.end() && std::chrono::steady_clock::now() - it->second.cached_at <
                                  std::chrono::seconds(cache_seconds_)) {
      if (!crypto::constant_time_equals(it->second.secret_hash, hash)) return invalid_token();
      if (it->second.expires_at && now >= *it->second.expires_at) return invalid_token();
      return it->second.principal;
    }
  }
  auto loaded = db_.read([&](storage::Tx& tx) -> Result<std::optional<Cached>> {
    TS_ASSIGN_OR_RETURN(auto rows,
                        tx.query("SELECT official_id, secret_hash, scopes, expires_at, revoked_at "
                                 "FROM api_tokens WHERE id = $1",
                                 {id}));
    if (rows.empty() || !rows.front().is_null(4)) return std::optional<Cached>();
    auto r = rows.front();
    TS_ASSIGN_OR_RETURN(auto principal, load_principal(tx, PrincipalKind::kOfficial, r.i64(0)));
    if (!principal) return std::optional<Cached>();
    principal->via = Principal::Via::kToken;
    principal->token_id = id;
    principal->token_can_write = r.view(2).find("write") != std::string_view::npos;
    Cached c{std::make_shared<const Principal>(std::move(*principal)), r.str(1), std::nullopt,
             std::chrono::steady_clock::now()};
    if (!r.is_null(3)) c.expires_at = from_millis(r.i64(3));
    return std::optional<Cached>(std::move(c));
  });
  TS_TRY(loaded);
  if (!*loaded) return invalid_token();
  Cached& c = **loaded;
  bool valid =
      crypto::constant_time_equals(c.secret_hash, hash) && !(c.expires_at && now >= *c.expires_at);
  http::PrincipalPtr principal = c.principal;
  {
    std::lock_guard lock(mu_);
    if (forgets_ == forgets_before) {
      if (cache_.size() > 10000) cache_.clear();
      cache_[id] = std::move(c);
    }
  }
  if (!valid) return invalid_token();
  return principal;
}

}  // namespace tinhso::identity
