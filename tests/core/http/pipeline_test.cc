// The request pipeline without sockets: routing errors, access levels, CSRF, token scopes,
// error mapping, security headers, request ids, limits, static files.
#include "core/http/pipeline.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/http/context.h"
#include "support/test_db.h"

namespace tinhso::http {
namespace {

// Stands in for sessions and tokens (tested against the real server in the integration
// tests): the x-test-principal header names who is calling.
class HeaderAuthenticator : public Authenticator {
 public:
  Result<http::PrincipalPtr> authenticate(const Request& req) override {
    auto who = req.header("x-test-principal");
    if (!who) return http::PrincipalPtr();
    if (*who == "expired") return Error::unauthenticated("Phiên đăng nhập đã hết hạn.");
    identity::Principal p;
    p.id = 5;
    p.full_name = "Trần Văn Bình";
    if (*who == "applicant") p.kind = identity::PrincipalKind::kApplicant;
    if (who->starts_with("token")) {
      p.via = identity::Principal::Via::kToken;
      p.token_can_write = *who == "token-write";
    } else {
      p.via = identity::Principal::Via::kSession;
      p.csrf_token = "csrf-123";
    }
    return http::PrincipalPtr(std::make_shared<const identity::Principal>(p));
  }
};

class PipelineTest : public ::testing::Test {
 protected:
  PipelineTest() : db_("sqlite"), org_(db_.db()), authz_(org_) {
    router_.add(
        {.method = Method::kGet,
         .path = "/api/v1/public",
         .access = Access::kPublic,
         .handler = [](Context& c) -> Result<Response> {
           return Response::json(boost::json::object{{"signed_in", c.principal() != nullptr}});
         }});
    router_.add({.method = Method::kGet,
                 .path = "/api/v1/officials-only",
                 .access = Access::kOfficial,
                 .handler = [](Context&) -> Result<Response> {
                   return Response::json(boost::json::object{});
                 }});
    router_.add({.method = Method::kPost,
                 .path = "/api/v1/echo",
                 .access = Access::kAuthenticated,
                 .body_limit = 64,
                 .handler = [](Context& c) -> Result<Response> {
                   TS_ASSIGN_OR_RETURN(auto body, c.json_body());
                   return Response::json(body);
                 }});
    router_.add({.method = Method::kGet,
                 .path = "/api/v1/throws",
                 .access = Access::kPublic,
                 .handler = [](Context&) -> Result<Response> {
                   throw std::runtime_error("boom: secret detail");
                 }});
    router_.add({.method = Method::kGet,
                 .path = "/api/v1/fails",
                 .access = Access::kPublic,
                 .handler = [](Context&) -> Result<Response> {
                   return Error::internal("db password is hunter2");
                 }});
    router_.add({.method = Method::kGet,
                 .path = "/api/v1/items/{id}",
                 .access = Access::kPublic,
                 .handler = [](Context& c) -> Result<Response> {
                   TS_ASSIGN_OR_RETURN(int64_t id, c.id_param());
                   return Response::json(boost::json::object{{"id", id}});
                 }});
    pipeline_ = std::make_unique<Pipeline>(router_, auth_, authz_, PipelineOptions{});
  }

  Response call(Method m, std::string target,
                std::vector<std::pair<std::string, std::string>> headers = {},
                std::string body = {}) {
    Request r;
    r.method = m;
    EXPECT_TRUE(parse_target(target, r)) << target;
    r.headers = std::move(headers);
    r.body = std::move(body);
    r.client_ip = "10.0.0.1";
    return pipeline_->handle(r);
  }
  static std::string code(const Response& r) {
    auto v = boost::json::parse(r.body);
    return std::string(v.at("error").at("code").as_string());
  }

  testing::TestDatabase db_;
  identity::OrgCache org_;
  identity::Authorizer authz_;
  HeaderAuthenticator auth_;
  Router router_;
  std::unique_ptr<Pipeline> pipeline_;
};

TEST_F(PipelineTest, UnknownRouteIsAJson404WithSecurityHeaders) {
  Response r = call(Method::kGet, "/api/v1/nowhere");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(code(r), "route_not_found");
  EXPECT_TRUE(r.content_type.starts_with("application/json"));
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_TRUE(r.header("content-security-policy").has_value());
  EXPECT_EQ(r.header("x-frame-options"), "DENY");
  EXPECT_TRUE(r.header("x-request-id").has_value());
  EXPECT_FALSE(r.header("strict-transport-security").has_value()) << "no HSTS without TLS";
}

TEST_F(PipelineTest, WrongMethodIs405WithAllow) {
  Response r = call(Method::kDelete, "/api/v1/public");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "GET");
  EXPECT_EQ(code(r), "method_not_allowed");
}

TEST_F(PipelineTest, AccessLevels) {
  EXPECT_EQ(call(Method::kGet, "/api/v1/officials-only").status, 401);
  EXPECT_EQ(
      call(Method::kGet, "/api/v1/officials-only", {{"x-test-principal", "applicant"}}).status,
      403);
  EXPECT_EQ(call(Method::kGet, "/api/v1/officials-only", {{"x-test-principal", "official"}}).status,
            200);
  EXPECT_EQ(call(Method::kGet, "/api/v1/officials-only", {{"x-test-principal", "expired"}}).status,
            401);
  // Stale credentials do not block public pages.
  Response pub = call(Method::kGet, "/api/v1/public", {{"x-test-principal", "expired"}});
  EXPECT_EQ(pub.status, 200);
  EXPECT_EQ(pub.body, R"({"signed_in":false})");
}

TEST_F(PipelineTest, SessionWritesNeedTheCsrfToken) {
  std::vector<std::pair<std::string, std::string>> h = {{"x-test-principal", "official"},
                                                        {"content-type", "application/json"}};
  Response no_token = call(Method::kPost, "/api/v1/echo", h, "{}");
  EXPECT_EQ(no_token.status, 403);
  EXPECT_EQ(code(no_token), "csrf_failed");
  h.emplace_back("x-csrf-token", "wrong");
  EXPECT_EQ(call(Method::kPost, "/api/v1/echo", h, "{}").status, 403);
  h.back().second = "csrf-123";
  EXPECT_EQ(call(Method::kPost, "/api/v1/echo", h, "{\"a\":1}").status, 200);
}

TEST_F(PipelineTest, TokensNeedTheWriteScopeToWriteAndNoCsrf) {
  EXPECT_EQ(call(Method::kPost, "/api/v1/echo",
                 {{"x-test-principal", "token-read"}, {"content-type", "application/json"}}, "{}")
                .status,
            403);
  EXPECT_EQ(call(Method::kPost, "/api/v1/echo",
                 {{"x-test-principal", "token-write"}, {"content-type", "application/json"}}, "{}")
                .status,
            200);
}

TEST_F(PipelineTest, BodyProblems) {
  std::vector<std::pair<std::string, std::string>> h = {{"x-test-principal", "token-write"}};
  EXPECT_EQ(call(Method::kPost, "/api/v1/echo", h, "{}").status, 415) << "no content type";
  h.emplace_back("content-type", "application/json");
  Response bad = call(Method::kPost, "/api/v1/echo", h, "{\"a\":");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(code(bad), "invalid_json");
  Response big =
      call(Method::kPost, "/api/v1/echo", h, "{\"a\":\"" + std::string(100, 'x') + "\"}");
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(code(big), "payload_too_large");
}

TEST_F(PipelineTest, FailuresNeverLeakInternals) {
  Response t = call(Method::kGet, "/api/v1/throws");
  EXPECT_EQ(t.status, 500);
  EXPECT_EQ(t.body.find("secret"), std::string::npos);
  EXPECT_NE(t.body.find("Hệ thống gặp sự cố"), std::string::npos);
  Response f = call(Method::kGet, "/api/v1/fails");
  EXPECT_EQ(f.status, 500);
  EXPECT_EQ(f.body.find("hunter2"), std::string::npos);
}

TEST_F(PipelineTest, NonNumericIdsAreNotFound) {
  EXPECT_EQ(call(Method::kGet, "/api/v1/items/abc").status, 404);
  EXPECT_EQ(call(Method::kGet, "/api/v1/items/-3").status, 404);
  EXPECT_EQ(call(Method::kGet, "/api/v1/items/99999999999999999999").status, 404);
  EXPECT_EQ(call(Method::kGet, "/api/v1/items/12").body, R"({"id":12})");
}

TEST_F(PipelineTest, RequestIdsAreEchoedOnlyWhenSane) {
  EXPECT_EQ(
      call(Method::kGet, "/api/v1/public", {{"x-request-id", "abc-123"}}).header("x-request-id"),
      "abc-123");
  auto replaced = call(Method::kGet, "/api/v1/public", {{"x-request-id", "bad id\r\nx"}})
                      .header("x-request-id");
  ASSERT_TRUE(replaced.has_value());
  EXPECT_EQ(replaced->size(), 16u);
}

TEST_F(PipelineTest, RateLimitAnswers429WithRetryAfter) {
  pipeline_->set_rate_limit(0.5, 2);
  EXPECT_EQ(call(Method::kGet, "/api/v1/public").status, 200);
  EXPECT_EQ(call(Method::kGet, "/api/v1/public").status, 200);
  Response r = call(Method::kGet, "/api/v1/public");
  EXPECT_EQ(r.status, 429);
  EXPECT_TRUE(r.header("retry-after").has_value());
}

TEST_F(PipelineTest, HstsWhenServedOverHttps) {
  PipelineOptions o;
  o.https = true;
  Pipeline p(router_, auth_, authz_, o);
  Request r;
  ASSERT_TRUE(parse_target("/api/v1/public", r));
  EXPECT_TRUE(p.handle(r).header("strict-transport-security").has_value());
}

TEST_F(PipelineTest, TrustedProxyForwardedAddressIsTheClient) {
  PipelineOptions o;
  o.trusted_proxies = {"10.0.0.1"};
  Pipeline p(router_, auth_, authz_, o);
  Request r;
  ASSERT_TRUE(parse_target("/api/v1/public", r));
  r.client_ip = "10.0.0.1";
  r.headers = {{"x-forwarded-for", "203.0.113.9, 10.0.0.1"}};
  p.plan(r);
  EXPECT_EQ(r.client_ip, "203.0.113.9");
  Request untrusted;
  ASSERT_TRUE(parse_target("/api/v1/public", untrusted));
  untrusted.client_ip = "10.9.9.9";
  untrusted.headers = {{"x-forwarded-for", "1.2.3.4"}};
  p.plan(untrusted);
  EXPECT_EQ(untrusted.client_ip, "10.9.9.9");
}

TEST_F(PipelineTest, StaticFilesWithSpaFallbackCachingAndGzip) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() + "/assets");
  std::ofstream(dir.path() + "/index.html")
      << "<!doctype html><title>tinhso</title>" << std::string(2000, ' ');
  std::ofstream(dir.path() + "/assets/app-1a2b3c.js")
      << "console.log(1);" << std::string(3000, ';');
  pipeline_->set_static_files(StaticFiles::load(dir.path()));

  Response index = call(Method::kGet, "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_TRUE(index.content_type.starts_with("text/html"));
  EXPECT_EQ(index.header("cache-control"), "no-cache");
  EXPECT_NE(index.header("content-security-policy")->find("script-src 'self'"), std::string::npos);

  Response route = call(Method::kGet, "/ho-so/tra-cuu");
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, index.body) << "client-side routes get index.html";

  Response asset = call(Method::kGet, "/assets/app-1a2b3c.js", {{"accept-encoding", "gzip, br"}});
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(asset.header("content-encoding"), "gzip");
  EXPECT_LT(asset.body.size(), 3000u);

  Response again = call(Method::kGet, "/assets/app-1a2b3c.js",
                        {{"if-none-match", std::string(*asset.header("etag"))}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());

  EXPECT_EQ(call(Method::kGet, "/assets/missing.js").status, 404);
  EXPECT_EQ(call(Method::kGet, "/api/v1/unknown").status, 404)
      << "API paths never fall back to the page";
}

}  // namespace
}  // namespace tinhso::http
