// AuthService: logging in and out, citizen/business registration, password changes, and
// resolving a request's credentials (it is the server's http::Authenticator).
//
// Login failures get one generic message whether or not the account exists; the time taken
// is the same (a dummy hash is verified for unknown accounts). Failures earn waits rather
// than locks (login_throttle.h); each client address is also limited to
// `login_attempts_per_minute` attempts.
#pragma once

#include <memory>

#include "core/audit/change_log.h"
#include "core/base/rate_limiter.h"
#include "core/http/authenticator.h"
#include "core/identity/api_tokens.h"
#include "core/identity/login_throttle.h"
#include "core/identity/passwords.h"
#include "core/identity/revocation.h"
#include "core/identity/sessions.h"

namespace tinhso::identity {

struct LoginAttempt {
  PrincipalKind kind = PrincipalKind::kOfficial;
  std::string login;
  std::string password;
  std::string ip;
  std::string user_agent;
  std::string request_id;
};

struct LoginResult {
  Principal principal;
  SessionStore::NewSession session;
};

struct ApplicantRegistration {
  std::string kind;  // citizen | business
  std::string full_name;
  std::optional<std::string> phone, email, id_number, tax_code, representative, address;
  std::string password;
};

class AuthService : public http::Authenticator {
 public:
  AuthService(storage::Database& db, const Clock& clock, audit::ChangeLog& log,
              const PasswordHasher& hasher, SessionStore& sessions, TokenStore& tokens,
              const SecurityConfig& config, const NotifyConfig& notify);

  Result<LoginResult> login(const LoginAttempt& attempt);
  Status logout(const Principal& who, const audit::Actor& actor);
  // Validates, creates the account and logs it in.
  Result<LoginResult> register_applicant(ApplicantRegistration reg, const LoginAttempt& context);
  Status change_password(const Principal& who, std::string_view current, std::string_view next,
                         const audit::Actor& actor);

  Result<http::PrincipalPtr> authenticate(const http::Request& req) override;

  SessionStore& sessions() { return sessions_; }
  RevocationWatcher& revocations() { return revocations_; }
  TokenStore& tokens() { return tokens_; }
  const PasswordHasher& hasher() const { return hasher_; }

 private:
  Error throttled() const;

  storage::Database& db_;
  const Clock& clock_;
  audit::ChangeLog& log_;
  const PasswordHasher& hasher_;
  SessionStore& sessions_;
  TokenStore& tokens_;
  SecurityConfig config_;
  NotifyConfig notify_;
  RateLimiter attempts_;
  ClientFailures client_failures_;
  RevocationWatcher revocations_;
};

}  // namespace tinhso::identity
