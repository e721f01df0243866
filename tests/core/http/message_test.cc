#include "core/http/message.h"

#include <gtest/gtest.h>

namespace tinhso::http {
namespace {

TEST(Target, DecodesPathAndQuery) {
  Request r;
  ASSERT_TRUE(parse_target("/api/v1/procedures?q=%C4%91%C4%83ng%20k%C3%BD&sector=&flag", r));
  EXPECT_EQ(r.path, "/api/v1/procedures");
  EXPECT_EQ(r.query_param("q"), "đăng ký");
  EXPECT_EQ(r.query_param("sector"), "");
  EXPECT_EQ(r.query_param("flag"), "");
  EXPECT_FALSE(r.query_param("missing").has_value());
}

TEST(Target, RejectsBadTargets) {
  Request r;
  EXPECT_FALSE(parse_target("http://example.com/", r));
  EXPECT_FALSE(parse_target("*", r));
  EXPECT_FALSE(parse_target("/a%00b", r));
  EXPECT_FALSE(parse_target("/a%C3", r));  // not UTF-8 after decoding
  EXPECT_FALSE(parse_target("/a?x=%ZZ", r));
}

TEST(Cookies, ReadsOneCookieAmongMany) {
  Request r;
  r.headers = {{"cookie", "a=1; tinhso_session=abc.def; b=2"}};
  EXPECT_EQ(r.cookie("tinhso_session"), "abc.def");
  EXPECT_EQ(r.cookie("missing"), "");
}

TEST(Cookies, SessionCookieFlags) {
  std::string c = make_cookie("tinhso_session", "v", 3600, true, true);
  EXPECT_NE(c.find("HttpOnly"), std::string::npos);
  EXPECT_NE(c.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(c.find("Secure"), std::string::npos);
  EXPECT_EQ(make_cookie("x", "v", 0, true, false).find("Secure"), std::string::npos);
}

TEST(Responses, ErrorsAreJsonWithRetryAfter) {
  Response r = Response::error(Error::rate_limited(7));
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.header("retry-after"), "7");
  EXPECT_NE(r.body.find("\"code\":\"rate_limited\""), std::string::npos);
}

}  // namespace
}  // namespace tinhso::http
