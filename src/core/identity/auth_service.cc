#include "core/identity/auth_service.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "core/base/text.h"
#include "core/identity/accounts.h"
#include "core/identity/contact_verification.h"

namespace tinhso::identity {
namespace {

audit::Actor actor_for(PrincipalKind kind, int64_t id, const std::string& name,
                       const LoginAttempt& a) {
  audit::Actor actor;
  actor.kind = std::string(kind_name(kind));
  actor.id = id;
  actor.name = name;
  actor.ip = a.ip;
  actor.request_id = a.request_id;
  return actor;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

AuthService::AuthService(storage::Database& db, const Clock& clock, audit::ChangeLog& log,
                         const PasswordHasher& hasher, SessionStore& sessions, TokenStore& tokens,
                         const SecurityConfig& config, const NotifyConfig& notify)
    : db_(db),
      clock_(clock),
      log_(log),
      hasher_(hasher),
      sessions_(sessions),
      tokens_(tokens),
      config_(config),
      notify_(notify),
      attempts_(config.login_attempts_per_minute / 60.0,
                std::max(1, config.login_attempts_per_minute)),
      client_failures_(LoginDelays{config.login_client_delay_after,
                                   config.login_account_delay_after, config.login_max_failures,
                                   std::chrono::seconds(config.login_max_delay_seconds)}),
      revocations_(db, sessions, tokens) {}

Error AuthService::throttled() const {
  return Error::rate_limited(60);
}

namespace {

Error wait_before_retry(int64_t seconds) {
  return Error(
      429, "login_throttled",
      fmt::format("Bạn đã nhập sai mật khẩu nhiều lần. Vui lòng đợi {} giây rồi thử lại.", seconds),
      boost::json::object{{"retry_after_seconds", seconds}});
}

}  // namespace

Result<LoginResult> AuthService::login(const LoginAttempt& attempt) {
  int retry = 0;
  if (attempts_.enabled() && !attempts_.allow(attempt.ip, &retry))
    return Error::rate_limited(retry);
  Error generic(401, "invalid_credentials", "Tên đăng nhập hoặc mật khẩu không đúng.");
  Instant now = clock_.now();
  std::string client_key = fmt::format("{}|{}|{}", kind_name(attempt.kind),
                                       text::to_lower_ascii(text::trim(attempt.login)), attempt.ip);
  // This client tried this account too often just now: wait, before anything is checked.
  if (int64_t wait = client_failures_.wait_seconds(client_key, now); wait > 0)
    return wait_before_retry(wait);
  auto found =
      db_.read([&](storage::Tx& tx) { return find_credentials(tx, attempt.kind, attempt.login); });
  TS_TRY(found);
  const auto& creds = *found;
  if (!creds || !creds->active) {
    hasher_.burn();
    client_failures_.failed(client_key, now);
    return generic;
  }
  // The account was tried too often from everywhere: every attempt waits a little.
  if (creds->delay_until_ms && *creds->delay_until_ms > to_millis(now))
    return wait_before_retry((*creds->delay_until_ms - to_millis(now) + 999) / 1000);
  bool locked = creds->locked_until_ms && *creds->locked_until_ms > to_millis(now);
  bool password_ok = hasher_.verify(creds->password_hash, attempt.password);
  const char* table = attempt.kind == PrincipalKind::kOfficial ? "officials" : "applicants";
  audit::Actor actor = actor_for(attempt.kind, creds->id, creds->full_name, attempt);

  if (locked) {
    TS_TRY(log_.apply(actor, [&](audit::ChangeTx& tx) -> Status {
      return tx.record("auth.login_refused_locked", kind_name(attempt.kind), creds->id,
                       boost::json::object{
                           {"locked_until", format_rfc3339(from_millis(*creds->locked_until_ms))}});
    }));
    // Only the owner, who knows the password, learns that the account is locked.
    if (!password_ok) return generic;
    return Error(403, "account_locked",
                 "Tài khoản tạm khóa vì có quá nhiều lần đăng nhập sai bất thường. Vui lòng thử "
                 "lại sau hoặc đề nghị quản trị hệ thống mở khóa.",
                 boost::json::object{
                     {"locked_until", format_rfc3339(from_millis(*creds->locked_until_ms))}});
  }
  if (!password_ok) {
    client_failures_.failed(client_key, now);
    bool abusive = false;
    TS_TRY(log_.apply(actor, [&](audit::ChangeTx& tx) -> Status {
      int64_t failures = creds->failed_logins + 1;
      std::optional<int64_t> lock_until;
      auto delay = delay_for(failures, config_.login_account_delay_after,
                             std::chrono::seconds(config_.login_max_delay_seconds));
      std::optional<int64_t> delay_until;
      if (delay.count() > 0) delay_until = tx.now_ms() + delay.count() * 1000;
      if (failures >= config_.login_max_failures) {
        lock_until = tx.now_ms() + int64_t{config_.login_lockout_minutes} * 60000;
        abusive = true;
        failures = 0;
        delay_until.reset();
      }
      TS_TRY(tx.sql().exec(fmt::format("UPDATE {} SET failed_logins = $1, locked_until = $2, "
                                       "login_delay_until = $3 WHERE id = $4",
                                       table),
                           {failures, lock_until, delay_until, creds->id}));
      boost::json::object change{{"failed_logins", failures}};
      if (delay_until) change["wait_until"] = format_rfc3339(from_millis(*delay_until));
      TS_TRY(tx.record("auth.login_failed", kind_name(attempt.kind), creds->id, change));
      if (!lock_until) return ok_status();
      return tx.record(
          "auth.account_locked", kind_name(attempt.kind), creds->id,
          boost::json::object{{"failures", config_.login_max_failures},
                              {"locked_until", format_rfc3339(from_millis(*lock_until))},
                              {"last_address", attempt.ip}});
    }));
    // An alert for the people who watch the logs (and the incident module once it exists).
    if (abusive)
      spdlog::warn(
          "security alert: {} account {} locked after {} failed logins in a row (last from {})",
          kind_name(attempt.kind), creds->id, config_.login_max_failures, attempt.ip);
    return generic;
  }
  client_failures_.succeeded(client_key);

  std::optional<std::string> rehash;
  if (hasher_.needs_rehash(creds->password_hash)) rehash = hasher_.hash(attempt.password);
  return log_.apply(actor, [&](audit::ChangeTx& tx) -> Result<LoginResult> {
    TS_TRY(tx.sql().exec(fmt::format("UPDATE {} SET failed_logins = 0, locked_until = NULL, "
                                     "login_delay_until = NULL WHERE id = $1",
                                     table),
                         {creds->id}));
    if (rehash) {
      TS_TRY(tx.sql().exec(fmt::format("UPDATE {} SET password_hash = $1 WHERE id = $2", table),
                           {*rehash, creds->id}));
    }
    TS_ASSIGN_OR_RETURN(auto session, sessions_.create(tx.sql(), attempt.kind, creds->id,
                                                       attempt.ip, attempt.user_agent, tx.now()));
    TS_ASSIGN_OR_RETURN(auto principal, load_principal(tx.sql(), attempt.kind, creds->id));
    if (!principal) return generic;
    principal->via = Principal::Via::kSession;
    principal->session_hash = SessionStore::hash_of(session.cookie_value);
    principal->csrf_token = session.csrf_token;
    TS_TRY(tx.record("auth.login", kind_name(attempt.kind), creds->id,
                     boost::json::object{{"user_agent", attempt.user_agent.substr(0, 200)}}));
    return LoginResult{std::move(*principal), std::move(session)};
  });
}

Status AuthService::logout(const Principal& who, const audit::Actor& actor) {
  if (who.via != Principal::Via::kSession) return ok_status();
  TS_TRY(log_.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    TS_TRY(sessions_.revoke(tx.sql(), who.session_hash));
    return tx.record("auth.logout", kind_name(who.kind), who.id, boost::json::object{});
  }));
  sessions_.forget(who.session_hash);
  revocations_.settle();
  return ok_status();
}

Result<LoginResult> AuthService::register_applicant(ApplicantRegistration reg,
                                                    const LoginAttempt& context) {
  int retry = 0;
  if (attempts_.enabled() && !attempts_.allow(context.ip, &retry))
    return Error::rate_limited(retry);
  boost::json::object problems;
  if (reg.kind != "citizen" && reg.kind != "business")
    problems["kind"] = "Chọn công dân hoặc doanh nghiệp.";
  if (reg.full_name.empty()) problems["full_name"] = "Bắt buộc nhập.";
  if (reg.phone) {
    auto p = normalize_phone(*reg.phone);
    if (!p)
      problems["phone"] = "Số điện thoại không hợp lệ (ví dụ: 0912345678).";
    else
      reg.phone = p;
  }
  if (reg.email) {
    reg.email = text::to_lower_ascii(*reg.email);
    if (!plausible_email(*reg.email)) problems["email"] = "Địa chỉ thư điện tử không hợp lệ.";
  }
  if (!reg.phone && !reg.email)
    problems["phone"] = "Cần số điện thoại hoặc địa chỉ thư điện tử để đăng nhập.";
  if (reg.id_number && !(all_digits(*reg.id_number) &&
                         (reg.id_number->size() == 12 || reg.id_number->size() == 9))) {
    problems["id_number"] = "Số CCCD gồm 12 chữ số (hoặc CMND 9 chữ số).";
  }
  if (reg.kind == "business") {
    bool ok = reg.tax_code && (all_digits(*reg.tax_code)
                                   ? reg.tax_code->size() == 10
                                   : reg.tax_code->size() == 14 && (*reg.tax_code)[10] == '-' &&
                                         all_digits(reg.tax_code->substr(0, 10)) &&
                                         all_digits(reg.tax_code->substr(11)));
    if (!ok) problems["tax_code"] = "Mã số thuế gồm 10 chữ số (hoặc dạng 0123456789-001).";
  }
  std::string pw = password_problem(reg.password, reg.phone.value_or(reg.email.value_or("")));
  if (!pw.empty()) problems["password"] = pw;
  if (!problems.empty()) return Error::validation(std::move(problems));

  std::string hash = hasher_.hash(reg.password);
  audit::Actor actor;
  actor.kind = "applicant";
  actor.name = reg.full_name;
  actor.ip = context.ip;
  actor.request_id = context.request_id;
  auto created = log_.apply(actor, [&](audit::ChangeTx& tx) -> Result<LoginResult> {
    TS_ASSIGN_OR_RETURN(
        auto rows,
        tx.sql().query(
            "INSERT INTO applicants (kind, full_name, phone, email, id_number, tax_code, "
            "representative, address, password_hash, created_at, updated_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
            {reg.kind, reg.full_name, reg.phone, reg.email, reg.id_number, reg.tax_code,
             reg.representative, reg.address, hash, tx.now_ms()}));
    int64_t id = rows.front().i64(0);
    TS_ASSIGN_OR_RETURN(bool code_sent, send_contact_code(tx.sql(), notify_, id, reg.phone,
                                                          reg.email, tx.now_ms()));
    if (!code_sent)
      spdlog::warn(
          "applicant {} registered without confirming a contact: no SMS gateway or "
          "e-mail server is configured",
          id);
    TS_ASSIGN_OR_RETURN(auto session, sessions_.create(tx.sql(), PrincipalKind::kApplicant, id,
                                                       context.ip, context.user_agent, tx.now()));
    TS_ASSIGN_OR_RETURN(auto principal, load_principal(tx.sql(), PrincipalKind::kApplicant, id));
    principal->via = Principal::Via::kSession;
    principal->session_hash = SessionStore::hash_of(session.cookie_value);
    principal->csrf_token = session.csrf_token;
    TS_TRY(tx.record(
        "applicant.register", "applicant", id,
        boost::json::object{{"kind", reg.kind},
                            {"full_name", reg.full_name},
                            {"phone", reg.phone ? boost::json::value(*reg.phone) : nullptr},
                            {"email", reg.email ? boost::json::value(*reg.email) : nullptr}}));
    return LoginResult{std::move(*principal), std::move(session)};
  });
  if (!created.ok() && created.error().code() == storage::kUniqueViolation) {
    return Error::conflict(
        "applicant.exists",
        "Số điện thoại hoặc địa chỉ thư điện tử này đã được dùng để đăng ký tài khoản.");
  }
  return created;
}

Status AuthService::change_password(const Principal& who, std::string_view current,
                                    std::string_view next, const audit::Actor& actor) {
  const char* table = who.is_official() ? "officials" : "applicants";
  auto stored = db_.read([&](storage::Tx& tx) -> Result<std::string> {
    TS_ASSIGN_OR_RETURN(
        auto rows,
        tx.query(fmt::format("SELECT password_hash FROM {} WHERE id = $1", table), {who.id}));
    if (rows.empty()) return Error::not_found("Không tìm thấy tài khoản.");
    return rows.front().str(0);
  });
  TS_TRY(stored);
  if (!hasher_.verify(*stored, current)) {
    return Error::validation("current_password", "Mật khẩu hiện tại không đúng.");
  }
  std::string problem = password_problem(next, who.login);
  if (!problem.empty()) return Error::validation("new_password", problem);
  if (current == next)
    return Error::validation("new_password", "Mật khẩu mới phải khác mật khẩu hiện tại.");
  std::string hash = hasher_.hash(next);
  TS_TRY(log_.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    std::string sql =
        who.is_official()
            ? "UPDATE officials SET password_hash = $1, must_change_password = 0, updated_at = $2 "
              "WHERE id = $3"
            : "UPDATE applicants SET password_hash = $1, updated_at = $2 WHERE id = $3";
    TS_TRY(tx.sql().exec(sql, {hash, tx.now_ms(), who.id}));
    // Other sessions of the account end; the current one stays.
    TS_TRY(tx.sql().exec(
        "DELETE FROM sessions WHERE principal_kind = $1 AND principal_id = $2 AND id_hash <> $3",
        {kind_name(who.kind), who.id, who.session_hash}));
    // API tokens made with the old password end too.
    TS_TRY(revoke_access(tx.sql(), who.kind, who.id, {.tokens = true}, tx.now_ms()));
    return tx.record("auth.change_password", kind_name(who.kind), who.id, boost::json::object{});
  }));
  revocations_.forget(who.kind, who.id);
  return ok_status();
}

Result<http::PrincipalPtr> AuthService::authenticate(const http::Request& req) {
  if (auto auth = req.header("authorization")) {
    if (auth->size() > 7 && text::to_lower_ascii(auth->substr(0, 7)) == "bearer ") {
      return tokens_.resolve(text::trim(auth->substr(7)));
    }
    return Error::unauthenticated("Kiểu xác thực không được hỗ trợ.");
  }
  std::string_view cookie = req.cookie(SessionStore::kCookieName);
  if (cookie.empty()) return http::PrincipalPtr();
  return sessions_.resolve(cookie);
}

}  // namespace tinhso::identity
