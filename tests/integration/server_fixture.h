// One demo server per engine, shared by the tests of a binary run (starting one takes a
// second or two); tests that need their own server (shutdown, lockout) start one.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <thread>

#include "support/http_client.h"
#include "support/server_process.h"

namespace tinhso::testing {

inline constexpr const char* kDemoPassword = "Tinhso@2026";
// The demo citizen who applies online (a phone number is their login).
inline constexpr const char* kCitizen = "0912345678";

ServerProcess& shared_server(const std::string& engine);
// A server shared by the tests that name the same `key`, started with `options()` by the first;
// stopped, as the others, when the tests end.
ServerProcess& shared_server(const std::string& key, const std::function<ServerOptions()>& options);
// The id of a unit by agency code, as the server `c` talks to knows it.
int64_t unit_id_by_code(HttpClient& c, const std::string& code);
// Creates an official in the unit `unit_code` with `role` there, through `admin`'s session;
// returns the official's id (0 after a test failure).
int64_t create_official(HttpClient& admin, const std::string& username,
                        const std::string& full_name, const std::string& password,
                        const std::string& role, const std::string& unit_code);

// Whether `condition` holds within `seconds`, polled every 100 ms: for what happens in the
// background (deliveries, rechecks), where a fixed sleep fails on a slow machine.
template <class F>
bool eventually(F&& condition, int seconds = 20) {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return condition();
}

class ServerTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    server_ = &shared_server(GetParam());
  }
  int port() const { return server_->port(); }
  HttpClient client() const { return HttpClient(server_->port()); }
  HttpClient logged_in(const std::string& user) const {
    HttpClient c(port());
    auto r = c.login(user, kDemoPassword);
    EXPECT_EQ(r.status, 200) << user << ": " << r.body;
    return c;
  }
  // The id of a unit by agency code.
  int64_t unit_id(const std::string& code) const;

  ServerProcess* server_ = nullptr;
};

}  // namespace tinhso::testing
