#include "integration/server_fixture.h"

#include <fmt/format.h>

namespace tinhso::testing {

namespace {

std::map<std::string, std::unique_ptr<ServerProcess>>& shared_servers() {
  static std::map<std::string, std::unique_ptr<ServerProcess>> servers;
  return servers;
}

// Stops the shared servers inside RUN_ALL_TESTS, so that what a server's destructor finds in
// its log (a nested transaction) fails the run; after RUN_ALL_TESTS has returned, in a static
// destructor, the failure would be reported to nobody.
class SharedServersStop : public ::testing::Environment {
 public:
  void TearDown() override { shared_servers().clear(); }
};

[[maybe_unused]] ::testing::Environment* const kSharedServersStop =
    ::testing::AddGlobalTestEnvironment(new SharedServersStop);

}  // namespace

ServerProcess& shared_server(const std::string& engine) {
  return shared_server(engine, [&] {
    ServerOptions o;
    o.engine = engine;
    return o;
  });
}

ServerProcess& shared_server(const std::string& key,
                             const std::function<ServerOptions()>& options) {
  auto& s = shared_servers()[key];
  if (!s) s = std::make_unique<ServerProcess>(options());
  return *s;
}

int64_t unit_id_by_code(HttpClient& c, const std::string& code) {
  auto r = c.get("/api/v1/units?q=" + url_encode(code));
  auto items = r.json().at("items").as_array();
  for (const auto& u : items) {
    if (u.at("code").as_string() == code) return u.at("id").as_int64();
  }
  ADD_FAILURE() << "no unit " << code;
  return 0;
}

int64_t create_official(HttpClient& admin, const std::string& username,
                        const std::string& full_name, const std::string& password,
                        const std::string& role, const std::string& unit_code) {
  int64_t unit = unit_id_by_code(admin, unit_code);
  auto made = admin.post_json("/api/v1/officials", boost::json::object{{"unit_id", unit},
                                                                       {"username", username},
                                                                       {"full_name", full_name},
                                                                       {"password", password}});
  EXPECT_EQ(made.status, 201) << made.body;
  if (made.status != 201) return 0;
  int64_t id = made.json().at("id").as_int64();
  auto granted = admin.post_json(fmt::format("/api/v1/officials/{}/grants", id),
                                 boost::json::object{{"role", role}, {"unit_id", unit}});
  EXPECT_EQ(granted.status, 201) << granted.body;
  return id;
}

int64_t ServerTest::unit_id(const std::string& code) const {
  HttpClient c(port());
  return unit_id_by_code(c, code);
}

// Every TEST_P(ServerTest, …) in this binary runs on both engines.
INSTANTIATE_TEST_SUITE_P(Engines, ServerTest, ::testing::Values("sqlite", "postgres"));

}  // namespace tinhso::testing
