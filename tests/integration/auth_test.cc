// Login, sessions, CSRF, API tokens, registration, lockout — against the real server.
#include <fmt/format.h>

#include <atomic>

#include "integration/server_fixture.h"

namespace tinhso::testing {
namespace {

std::string unique_phone() {
  static std::atomic<int> n{0};
  return fmt::format("0987{:06}", (getpid() * 37 + n++) % 1000000);
}

TEST_P(ServerTest, LoginSetsAStrictHttpOnlySessionCookieAndReturnsTheCsrfToken) {
  HttpClient c = client();
  auto r = c.login("admin", kDemoPassword);
  ASSERT_EQ(r.status, 200) << r.body;
  auto cookie = r.header("set-cookie");
  ASSERT_TRUE(cookie.has_value());
  EXPECT_NE(cookie->find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie->find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie->find("Secure"), std::string::npos) << "plain http: no Secure flag";
  auto p = r.json().at("principal");
  EXPECT_EQ(p.at("full_name").as_string(), "Võ Minh Khoa");
  EXPECT_EQ(p.at("grants").as_array()[0].at("role").as_string(), "system_admin");
  EXPECT_FALSE(c.csrf().empty());
  auto me = c.get("/api/v1/auth/me");
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(me.json().at("principal").at("login").as_string(), "admin");
}

TEST_P(ServerTest, WrongPasswordAndUnknownAccountLookTheSame) {
  auto wrong = client().login("lanhdao.stp", "not-the-password");
  auto unknown = client().login("khong.ton.tai", "not-the-password");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.body, unknown.body);
  EXPECT_EQ(wrong.error_code(), "invalid_credentials");
  EXPECT_NE(wrong.json().at("error").at("message").as_string().find(
                "Tên đăng nhập hoặc mật khẩu không đúng"),
            std::string::npos);
}

TEST_P(ServerTest, CookieAuthenticatedWritesNeedTheCsrfToken) {
  HttpClient c = logged_in("chuyenvien.stp");
  std::string token = c.csrf();
  c.forget_csrf();
  auto rejected = c.post_json("/api/v1/auth/tokens", boost::json::object{{"name", "thử"}});
  EXPECT_EQ(rejected.status, 403);
  EXPECT_EQ(rejected.error_code(), "csrf_failed");
  auto accepted = c.request("POST", "/api/v1/auth/tokens", R"({"name":"thử"})",
                            {{"Content-Type", "application/json"}, {"X-CSRF-Token", token}});
  EXPECT_EQ(accepted.status, 201) << accepted.body;
}

TEST_P(ServerTest, LogoutEndsTheSession) {
  HttpClient c = logged_in("vanthu.ubndtinh");
  EXPECT_EQ(c.post_json("/api/v1/auth/logout", boost::json::object{}).status, 204);
  auto after = c.get("/api/v1/auth/me");
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.error_code(), "unauthenticated");
}

TEST_P(ServerTest, ApiTokensActAsTheirOfficialWithinTheirScopes) {
  HttpClient owner = logged_in("lanhdao.stp");
  auto created = owner.post_json("/api/v1/auth/tokens",
                                 boost::json::object{{"name", "Kết nối báo cáo"},
                                                     {"scopes", boost::json::array{"read"}},
                                                     {"expires_in_days", 30}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::string secret(created.json().at("token").as_string());
  int64_t id = created.json().at("id").as_int64();
  EXPECT_TRUE(secret.starts_with("tsk_"));

  HttpClient machine = client();
  machine.set_bearer(secret);
  auto me = machine.get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json().at("principal").at("login").as_string(), "lanhdao.stp");
  EXPECT_FALSE(me.json().at("principal").as_object().contains("csrf_token"));
  auto write = machine.post_json("/api/v1/auth/logout", boost::json::object{});
  EXPECT_EQ(write.status, 403) << "a read-only token cannot write";

  HttpClient forged = client();
  forged.set_bearer(fmt::format("tsk_{}_wrongsecret", id));
  EXPECT_EQ(forged.get("/api/v1/auth/me").status, 401);

  EXPECT_EQ(owner.request("DELETE", fmt::format("/api/v1/auth/tokens/{}", id)).status, 204);
  EXPECT_EQ(machine.get("/api/v1/auth/me").status, 401) << "revoked";
  auto listed = owner.get("/api/v1/auth/tokens").json().at("items").as_array();
  bool found = false;
  for (const auto& t : listed) {
    if (t.at("id").as_int64() == id) {
      found = true;
      EXPECT_FALSE(t.at("revoked_at").is_null());
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(listed.front().as_object().contains("token"), false) << "secrets are shown once";
}

TEST_P(ServerTest, CitizensRegisterAndStayOutOfOfficialApis) {
  std::string phone = unique_phone();
  HttpClient citizen = client();
  auto reg =
      citizen.post_json("/api/v1/auth/register", boost::json::object{{"kind", "citizen"},
                                                                     {"full_name", "Lê Thị Hoa"},
                                                                     {"phone", phone},
                                                                     {"password", "Hoa@Binh2026"}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  EXPECT_EQ(reg.json().at("principal").at("kind").as_string(), "applicant");
  EXPECT_EQ(citizen.get("/api/v1/auth/me").status, 200);
  EXPECT_EQ(citizen.get("/api/v1/officials").status, 403);

  auto again =
      client().post_json("/api/v1/auth/register", boost::json::object{{"kind", "citizen"},
                                                                      {"full_name", "Người khác"},
                                                                      {"phone", phone},
                                                                      {"password", "Khac@2026xx"}});
  EXPECT_EQ(again.status, 409);

  auto invalid =
      client().post_json("/api/v1/auth/register", boost::json::object{{"kind", "business"},
                                                                      {"full_name", "Công ty A"},
                                                                      {"phone", "12345"},
                                                                      {"password", "123"}});
  ASSERT_EQ(invalid.status, 422);
  auto fields = invalid.json().at("error").at("details").at("fields").as_object();
  EXPECT_TRUE(fields.contains("phone"));
  EXPECT_TRUE(fields.contains("password"));
  EXPECT_TRUE(fields.contains("tax_code"));

  HttpClient back = client();
  EXPECT_EQ(back.login("+84" + phone.substr(1), "Hoa@Binh2026", "applicant").status, 200)
      << "logs in with the international form of the same number";
}

TEST_P(ServerTest, PasswordChangeNeedsTheCurrentPassword) {
  std::string phone = unique_phone();
  HttpClient c = client();
  ASSERT_EQ(c.post_json("/api/v1/auth/register", boost::json::object{{"kind", "citizen"},
                                                                     {"full_name", "Phan Văn Tài"},
                                                                     {"phone", phone},
                                                                     {"password", "Ban@dau2026"}})
                .status,
            201);
  auto wrong = c.post_json(
      "/api/v1/auth/password",
      boost::json::object{{"current_password", "sai"}, {"new_password", "Moi@2026abc"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(
      c.post_json("/api/v1/auth/password", boost::json::object{{"current_password", "Ban@dau2026"},
                                                               {"new_password", "Moi@2026abc"}})
          .status,
      204);
  EXPECT_EQ(client().login(phone, "Ban@dau2026", "applicant").status, 401);
  EXPECT_EQ(client().login(phone, "Moi@2026abc", "applicant").status, 200);
}

}  // namespace
}  // namespace tinhso::testing
