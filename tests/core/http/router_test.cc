#include "core/http/router.h"

#include <gtest/gtest.h>

namespace tinhso::http {
namespace {

Handler noop() {
  return [](Context&) -> Result<Response> { return Response::no_content(); };
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.add({.method = Method::kGet, .path = "/api/v1/units", .handler = noop()});
    router.add({.method = Method::kPost, .path = "/api/v1/units", .handler = noop()});
    router.add({.method = Method::kGet, .path = "/api/v1/units/{id}", .handler = noop()});
    router.add({.method = Method::kPatch, .path = "/api/v1/units/{id}", .handler = noop()});
    router.add({.method = Method::kGet, .path = "/api/v1/units/export", .handler = noop()});
    router.add({.method = Method::kDelete,
                .path = "/api/v1/officials/{id}/grants/{grant_id}",
                .handler = noop()});
  }
  Router router;
};

TEST_F(RouterTest, MatchesLiteralsAndParameters) {
  auto m = router.match(Method::kGet, "/api/v1/units/42");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->spec.path, "/api/v1/units/{id}");
  EXPECT_EQ(m.params.get("id"), "42");

  auto two = router.match(Method::kDelete, "/api/v1/officials/7/grants/9");
  ASSERT_NE(two.route, nullptr);
  EXPECT_EQ(two.params.get("id"), "7");
  EXPECT_EQ(two.params.get("grant_id"), "9");
}

TEST_F(RouterTest, LiteralSegmentsWinOverParameters) {
  auto m = router.match(Method::kGet, "/api/v1/units/export");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->spec.path, "/api/v1/units/export");
}

TEST_F(RouterTest, WrongMethodListsTheAllowedOnes) {
  auto m = router.match(Method::kDelete, "/api/v1/units/3");
  EXPECT_EQ(m.route, nullptr);
  ASSERT_EQ(m.allowed.size(), 2u);
}

TEST_F(RouterTest, HeadFallsBackToGet) {
  auto m = router.match(Method::kHead, "/api/v1/units");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->spec.method, Method::kGet);
}

TEST_F(RouterTest, UnknownPaths) {
  EXPECT_EQ(router.match(Method::kGet, "/api/v1/nothing").route, nullptr);
  EXPECT_TRUE(router.match(Method::kGet, "/api/v1/nothing").allowed.empty());
  EXPECT_EQ(router.match(Method::kGet, "/api/v1/units/1/extra").route, nullptr);
  // Repeated and trailing slashes are tolerated.
  EXPECT_NE(router.match(Method::kGet, "/api/v1//units/").route, nullptr);
}

TEST(RouterDeathTest, DuplicateRoutesAreAProgrammingError) {
  EXPECT_DEATH(
      {
        Router r;
        r.add({.method = Method::kGet, .path = "/x", .handler = noop()});
        r.add({.method = Method::kGet, .path = "/x", .handler = noop()});
      },
      "duplicate route");
}

}  // namespace
}  // namespace tinhso::http
