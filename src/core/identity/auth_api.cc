// Routes: /api/v1/auth/… — login, logout, registration, the current principal, password
// change and API tokens.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/base/json.h"
#include "core/config/config.h"
#include "core/http/context.h"
#include "core/http/schema.h"
#include "core/identity/api.h"
#include "core/identity/auth_service.h"
#include "core/identity/contact_verification.h"
#include "core/identity/officials.h"
#include "core/outbox/outbox.h"
#include "core/storage/sql.h"

namespace tinhso::identity {
namespace {

bool secure_cookies(const Config& c) {
  return c.server.public_url.starts_with("https://");
}

boost::json::object principal_json(const Principal& p, const OrgTree& org) {
  boost::json::array grants;
  for (const auto& g : p.grants) grants.push_back(grant_json(g, org));
  const UnitInfo* u = p.is_official() ? org.find(p.unit_id) : nullptr;
  boost::json::object o{{"kind", p.is_official() ? "official" : "applicant"},
                        {"id", p.id},
                        {"login", p.login},
                        {"full_name", p.full_name},
                        {"must_change_password", p.must_change_password},
                        {"contact_pending", p.contact_pending},
                        {"grants", std::move(grants)}};
  if (p.is_official()) {
    o["unit_id"] = p.unit_id;
    o["unit_name"] = u ? boost::json::value(u->name) : nullptr;
  }
  if (p.via == Principal::Via::kSession) o["csrf_token"] = p.csrf_token;
  return o;
}

http::Response session_response(const LoginResult& r, const Services& s, int status) {
  http::Response res = http::Response::json(
      boost::json::object{{"principal", principal_json(r.principal, *s.org.get())}}, status);
  int64_t max_age =
      std::chrono::duration_cast<std::chrono::seconds>(r.session.expires_at - s.clock.now())
          .count();
  res.set_header("Set-Cookie", http::make_cookie(SessionStore::kCookieName, r.session.cookie_value,
                                                 max_age, true, secure_cookies(s.config)));
  return res;
}

LoginAttempt attempt_from(const http::Request& req) {
  LoginAttempt a;
  a.ip = req.client_ip;
  a.user_agent = std::string(req.header("user-agent").value_or(""));
  a.request_id = req.request_id;
  return a;
}

}  // namespace

void register_auth_routes(http::Router& router, Services& s) {
  using http::Access;
  using http::Execution;
  using http::Method;

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/auth/login",
      .summary = "Log in with a password; sets the session cookie and returns the CSRF token",
      .tag = "auth",
      .access = Access::kPublic,
      .body_limit = 8 * 1024,
      .request_schema =
          http::schema(R"({"type":"object","required":["username","password"],"properties":{
          "username":{"type":"string","description":"Official's username, or applicant's phone or e-mail"},
          "password":{"type":"string"},
          "account_type":{"type":"string","enum":["official","applicant"],"default":"official"}}})"),
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        json::FieldReader r(body);
        LoginAttempt a = attempt_from(ctx.request());
        a.login = r.required_string("username", 200);
        auto type = r.optional_enum("account_type", {"official", "applicant"});
        a.kind =
            type && *type == "applicant" ? PrincipalKind::kApplicant : PrincipalKind::kOfficial;
        const auto* pw = body.is_object() ? body.as_object().if_contains("password") : nullptr;
        if (pw == nullptr || !pw->is_string() || pw->as_string().empty())
          r.fail("password", "Bắt buộc nhập.");
        else if (pw->as_string().size() > 256)
          r.fail("password", "Mật khẩu quá dài.");
        TS_TRY(r.finish());
        a.password = std::string(pw->as_string());
        TS_ASSIGN_OR_RETURN(auto result, s.auth.login(a));
        return session_response(result, s, 200);
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/auth/logout",
      .summary = "End the current session",
      .tag = "auth",
      .access = Access::kAuthenticated,
      .while_account_incomplete = true,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(s.auth.logout(ctx.who(), ctx.actor()));
        http::Response res = http::Response::no_content();
        res.set_header("Set-Cookie", http::make_cookie(SessionStore::kCookieName, "", 0, true,
                                                       secure_cookies(s.config)));
        return res;
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/auth/me",
      .summary = "The signed-in principal, its role grants and its CSRF token",
      .tag = "auth",
      .access = Access::kAuthenticated,
      .while_account_incomplete = true,
      .execution = Execution::kInline,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        return http::Response::json(
            boost::json::object{{"principal", principal_json(ctx.who(), *s.org.get())}});
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/auth/register",
      .summary = "Register a citizen or business account and log it in",
      .tag = "auth",
      .access = Access::kPublic,
      .body_limit = 16 * 1024,
      .request_schema =
          http::schema(R"({"type":"object","required":["kind","full_name","password"],"properties":{
          "kind":{"type":"string","enum":["citizen","business"]},"full_name":{"type":"string"},
          "phone":{"type":"string"},"email":{"type":"string"},"id_number":{"type":"string"},
          "tax_code":{"type":"string"},"representative":{"type":"string"},"address":{"type":"string"},
          "password":{"type":"string","minLength":8}}})"),
      .success_status = 201,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        json::FieldReader r(body);
        ApplicantRegistration reg;
        reg.kind = r.required_enum("kind", {"citizen", "business"});
        reg.full_name = r.required_string("full_name", 200);
        reg.phone = r.optional_string("phone", 30);
        reg.email = r.optional_string("email", 200);
        reg.id_number = r.optional_string("id_number", 20);
        reg.tax_code = r.optional_string("tax_code", 20);
        reg.representative = r.optional_string("representative", 200);
        reg.address = r.optional_string("address", 500);
        const auto* pw = body.is_object() ? body.as_object().if_contains("password") : nullptr;
        if (pw == nullptr || !pw->is_string()) r.fail("password", "Bắt buộc nhập.");
        TS_TRY(r.finish());
        reg.password = std::string(pw->as_string());
        TS_ASSIGN_OR_RETURN(auto result,
                            s.auth.register_applicant(std::move(reg), attempt_from(ctx.request())));
        if (result.principal.contact_pending) s.outbox.wake();
        return session_response(result, s, 201);
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/auth/contact/confirm",
      .summary = "Confirm the new account's phone number or e-mail address with the code sent "
                 "there at registration",
      .tag = "auth",
      .access = Access::kApplicant,
      .while_account_incomplete = true,
      .body_limit = 1024,
      .request_schema = http::schema(
          R"({"type":"object","required":["code"],"properties":{"code":{"type":"string"}}})"),
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        json::FieldReader r(body);
        std::string code = r.required_string("code", 20);
        TS_TRY(r.finish());
        int64_t id = ctx.who().id;
        TS_ASSIGN_OR_RETURN(auto outcome, ctx.apply(s.changes, [&](audit::ChangeTx& tx) {
          return confirm_contact(tx, id, code);
        }));
        if (!outcome.confirmed)
          return Error::validation(
              "code",
              outcome.attempts_left > 0
                  ? fmt::format("Mã xác nhận không đúng (còn {} lần thử).", outcome.attempts_left)
                  : std::string("Mã xác nhận không đúng. Hãy yêu cầu gửi lại mã mới."));
        s.auth.revocations().forget(PrincipalKind::kApplicant, id);
        return http::Response::no_content();
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/auth/contact/resend",
      .summary = "Send a new confirmation code (at most one a minute)",
      .tag = "auth",
      .access = Access::kApplicant,
      .while_account_incomplete = true,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.apply(s.changes, [&](audit::ChangeTx& tx) {
          return resend_contact_code(tx, s.config.notify, ctx.who().id);
        }));
        s.outbox.wake();
        return http::Response::no_content();
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/auth/password",
      .summary = "Change the signed-in account's password",
      .tag = "auth",
      .access = Access::kAuthenticated,
      .while_account_incomplete = true,
      .body_limit = 8 * 1024,
      .request_schema =
          http::schema(R"({"type":"object","required":["current_password","new_password"],
          "properties":{"current_password":{"type":"string"},"new_password":{"type":"string","minLength":8}}})"),
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        const auto* cur =
            body.is_object() ? body.as_object().if_contains("current_password") : nullptr;
        const auto* next =
            body.is_object() ? body.as_object().if_contains("new_password") : nullptr;
        json::FieldReader r(body);
        if (cur == nullptr || !cur->is_string()) r.fail("current_password", "Bắt buộc nhập.");
        if (next == nullptr || !next->is_string()) r.fail("new_password", "Bắt buộc nhập.");
        TS_TRY(r.finish());
        TS_TRY(s.auth.change_password(ctx.who(), std::string(cur->as_string()),
                                      std::string(next->as_string()), ctx.actor()));
        return http::Response::no_content();
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/auth/tokens",
      .summary =
          "API tokens of the signed-in official (all tokens for system administrators with ?all=1)",
      .tag = "auth",
      .access = Access::kOfficial,
      .query = {{"all", "1: every official's tokens (system administrators)"}},
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        std::optional<int64_t> owner = ctx.who().id;
        if (ctx.request().query_param("all") == "1") {
          TS_TRY(ctx.authorize_anywhere(identity::kAdministerSystem));
          owner.reset();
        }
        TS_ASSIGN_OR_RETURN(auto tokens, s.auth.tokens().list(owner));
        boost::json::array items;
        for (const auto& t : tokens) items.push_back(api_token_json(t));
        return http::Response::json(boost::json::object{{"items", std::move(items)}});
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/auth/tokens",
      .summary = "Create an API token acting as the signed-in official; the secret is shown once",
      .tag = "auth",
      .access = Access::kOfficial,
      .body_limit = 4 * 1024,
      .request_schema = http::schema(R"({"type":"object","required":["name"],"properties":{
          "name":{"type":"string"},"scopes":{"type":"array","items":{"type":"string","enum":["read","write"]}},
          "expires_in_days":{"type":"integer","minimum":1,"maximum":730}}})"),
      .success_status = 201,
      .answer_holds_secret = true,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        if (ctx.who().via == Principal::Via::kToken) {
          return Error::forbidden("Không thể dùng khóa truy cập để tạo khóa truy cập mới.");
        }
        TS_TRY(ctx.authorize_anywhere(identity::kManageApiTokens));
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        json::FieldReader r(body);
        std::string name = r.required_string("name", 100);
        bool write = false;
        if (const auto* scopes = r.optional_array("scopes", 2)) {
          for (const auto& sc : *scopes) {
            if (!sc.is_string() || (sc.as_string() != "read" && sc.as_string() != "write")) {
              r.fail("scopes", "Chỉ chấp nhận read và write.");
            } else if (sc.as_string() == "write") {
              write = true;
            }
          }
        }
        auto days = r.optional_int("expires_in_days", 1, 730);
        TS_TRY(r.finish());
        TS_ASSIGN_OR_RETURN(auto created,
                            s.auth.tokens().create(
                                s.changes, ctx.actor(), ctx.who().id, name, write,
                                days ? std::optional<int>(static_cast<int>(*days)) : std::nullopt));
        boost::json::object o = api_token_json(created.token);
        o["token"] = created.secret_text;
        return http::Response::json(o, 201);
      },
  });

  router.add({
      .method = Method::kDelete,
      .path = "/api/v1/auth/tokens/{id}",
      .summary = "Revoke an API token",
      .tag = "auth",
      .access = Access::kOfficial,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto token, s.auth.tokens().get(id));
        if (token.official_id != ctx.who().id)
          TS_TRY(ctx.authorize_anywhere(identity::kAdministerSystem));
        TS_TRY(s.auth.tokens().revoke(s.changes, ctx.actor(), id));
        return http::Response::no_content();
      },
  });
}

}  // namespace tinhso::identity
