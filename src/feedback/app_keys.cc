#include "feedback/app_keys.h"

#include <fmt/format.h>

#include <charconv>

#include "core/base/crypto.h"

namespace tinhso::feedback {
namespace {

constexpr std::string_view kPrefix = "o311_";
constexpr std::string_view kColumns = "id, name, per_day, created_by, created_at, revoked_at";

AppKey key_of(const storage::Rows::Row& r) {
  auto revoked = r.opt_i64(5);
  return AppKey{r.i64(0),
                r.str(1),
                r.i64(2),
                r.i64(3),
                from_millis(r.i64(4)),
                revoked ? std::optional<Instant>(from_millis(*revoked)) : std::nullopt};
}

}  // namespace

boost::json::object app_key_json(const AppKey& k) {
  return boost::json::object{
      {"id", k.id},
      {"name", k.name},
      {"per_day", k.per_day},
      {"created_by", k.created_by},
      {"created_at", format_rfc3339(k.created_at)},
      {"revoked_at", k.revoked_at ? boost::json::value(format_rfc3339(*k.revoked_at)) : nullptr}};
}

Result<NewAppKey> insert_app_key(storage::Tx& tx, std::string name, int64_t per_day,
                                 int64_t created_by, Instant now) {
  std::string secret = crypto::random_token(24);
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("INSERT INTO feedback_app_keys (name, secret_hash, per_day, created_by, created_at) "
               "VALUES ($1, $2, $3, $4, $5) RETURNING id",
               {name, crypto::sha256_hex(secret), per_day, created_by, to_millis(now)}));
  NewAppKey out;
  out.key = AppKey{rows.front().i64(0), std::move(name), per_day, created_by, now, std::nullopt};
  out.secret_text = fmt::format("{}{}_{}", kPrefix, out.key.id, secret);
  return out;
}

Result<std::vector<AppKey>> load_app_keys(storage::Tx& tx) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query(fmt::format("SELECT {} FROM feedback_app_keys ORDER BY "
                                                      "revoked_at IS NOT NULL, id DESC",
                                                      kColumns)));
  std::vector<AppKey> out;
  for (auto r : rows) out.push_back(key_of(r));
  return out;
}

Result<bool> revoke_app_key(storage::Tx& tx, int64_t id, Instant now) {
  TS_ASSIGN_OR_RETURN(int64_t n, tx.exec("UPDATE feedback_app_keys SET revoked_at = $1 WHERE id = "
                                         "$2 AND revoked_at IS NULL",
                                         {to_millis(now), id}));
  return n == 1;
}

Result<std::optional<AppKey>> find_app_key(storage::Tx& tx, std::string_view text) {
  if (!text.starts_with(kPrefix)) return std::optional<AppKey>();
  std::string_view rest = text.substr(kPrefix.size());
  auto sep = rest.find('_');
  if (sep == std::string_view::npos) return std::optional<AppKey>();
  int64_t id = 0;
  auto [end, ec] = std::from_chars(rest.data(), rest.data() + sep, id);
  if (ec != std::errc() || end != rest.data() + sep) return std::optional<AppKey>();
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT {}, secret_hash FROM feedback_app_keys WHERE id = $1", kColumns),
               {id}));
  if (rows.empty()) return std::optional<AppKey>();
  auto r = rows.front();
  if (!crypto::constant_time_equals(crypto::sha256_hex(rest.substr(sep + 1)), r.str(6)))
    return std::optional<AppKey>();
  AppKey k = key_of(r);
  if (k.revoked_at) return std::optional<AppKey>();
  return std::optional<AppKey>(std::move(k));
}

Status use_allowance(storage::Tx& tx, int64_t id, Instant now) {
  TS_ASSIGN_OR_RETURN(
      auto keys,
      tx.query(fmt::format("SELECT per_day, revoked_at FROM feedback_app_keys WHERE id = $1{}",
                           tx.is_postgres() ? " FOR UPDATE" : ""),
               {id}));
  if (keys.empty() || !keys.front().is_null(1))
    return Error::forbidden("Khóa ứng dụng (api_key) không hợp lệ hoặc đã bị thu hồi.");
  int64_t per_day = keys.front().i64(0);
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT count(*) FROM feedback_items WHERE app_key_id = "
                                          "$1 AND created_at >= $2",
                                          {id, to_millis(now - std::chrono::days(1))}));
  if (rows.front().i64(0) < per_day) return ok_status();
  return Error(429, "feedback.app_quota",
               fmt::format("Ứng dụng đã gửi đủ {} phản ánh, kiến nghị trong 24 giờ qua; vui "
                           "lòng gửi lại sau.",
                           per_day));
}

}  // namespace tinhso::feedback
