// Graceful shutdown: on SIGTERM the server stops accepting, closes idle connections, lets
// requests in flight finish, closes the database and exits 0.
#include <fmt/format.h>
#include <signal.h>

#include <thread>

#include "integration/server_fixture.h"

namespace tinhso::testing {
namespace {

class ShutdownTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ShutdownTest, FinishesRequestsInFlightThenExitsCleanly) {
  if (GetParam() == "postgres" && pg_admin_url().empty())
    GTEST_SKIP() << "no PostgreSQL configured";
  ServerOptions o;
  o.engine = GetParam();
  ServerProcess server(o);

  HttpConnection idle(server.port());
  idle.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(idle.read_response().has_value());  // now idle, kept alive

  // A login whose body is only half sent when the signal arrives.
  std::string body = R"({"username":"admin","password":"Tinhso@2026"})";
  HttpConnection in_flight(server.port());
  in_flight.send_raw(
      fmt::format("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: "
                  "application/json\r\nContent-Length: {}\r\n\r\n",
                  body.size()));
  in_flight.send_raw(body.substr(0, 10));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));

  ASSERT_EQ(kill(server.pid(), SIGTERM), 0);
  EXPECT_TRUE(idle.closed_by_server()) << "idle keep-alive connections are closed";
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  in_flight.send_raw(body.substr(10));
  auto r = in_flight.read_response();
  ASSERT_TRUE(r.has_value()) << "the request in flight is answered";
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->header("connection"), "close");

  EXPECT_EQ(server.terminate(), 0) << server.log();
  HttpConnection after(server.port());
  EXPECT_FALSE(after.connected()) << "no longer listening";
  EXPECT_NE(server.log().find("closing the database"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, ShutdownTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::testing

namespace tinhso::testing {
namespace {

TEST(Throttling, LoginAttemptsPerAddressAreLimited) {
  ServerOptions o;
  o.settings = {"security.login_attempts_per_minute=3"};
  ServerProcess server(o);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(HttpClient(server.port()).login("admin", "wrong").status, 401);
  auto limited = HttpClient(server.port()).login("admin", kDemoPassword);
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.error_code(), "rate_limited");
  EXPECT_TRUE(limited.header("retry-after").has_value());
}

TEST(Throttling, RequestRatePerAddressIsLimited) {
  ServerOptions o;
  o.settings = {"security.rate_limit_per_second=1", "security.rate_limit_burst=5"};
  ServerProcess server(o);
  int limited = 0;
  for (int i = 0; i < 12; ++i) limited += HttpClient(server.port()).get("/healthz").status == 429;
  EXPECT_GE(limited, 6);
}

}  // namespace
}  // namespace tinhso::testing
