// Reorganisation through the API and the command line, as a province's IT staff does it: only
// system administrators may plan one (a district's own administrator, a citizen and a stranger
// are refused); a bad plan is a 422 listing every problem; a good one is applied in the
// background with its progress readable, retried without a second plan, and afterwards the old
// unit's page leads to its successors and statistics read by either boundaries.
#include <fmt/format.h>

#include <fstream>

#include "core/base/time.h"
#include "integration/server_fixture.h"

namespace tinhso::testing {
namespace {

namespace bj = boost::json;

class ReorganisationApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    ServerOptions o;
    o.engine = GetParam();
    o.demo_args = {"--without-reform"};  // the three-level province, to reorganise here
    server_ = std::make_unique<ServerProcess>(o);
  }
  HttpClient login(const std::string& user) {
    HttpClient c(server_->port());
    auto r = c.login(user, kDemoPassword);
    EXPECT_EQ(r.status, 200) << user << ": " << r.body;
    return c;
  }
  // District 34's communes and own units merge into one new commune under the province.
  bj::object plan(HttpClient& admin, const std::string& day) {
    int64_t district = unit_id_by_code(admin, "000.00.34.H47");
    auto children = admin.get(fmt::format("/api/v1/units?parent_id={}", district)).json();
    bj::array units;
    for (const auto& u : children.at("items").as_array()) units.push_back(u.at("code"));
    units.push_back(bj::value("000.00.34.H47"));
    return bj::object{{"title", "Sắp xếp đơn vị hành chính huyện 34"},
                      {"legal_basis", "Nghị quyết số 1234/NQ-UBTVQH15"},
                      {"effective_on", day},
                      {"new_units", bj::array{bj::object{{"code", "000.00.94.H47"},
                                                         {"name", "Ủy ban nhân dân xã Hợp Nhất"},
                                                         {"level", "commune"},
                                                         {"kind", "commune"},
                                                         {"parent_code", "000.00.00.H47"}}}},
                      {"merges", bj::array{bj::object{{"units", std::move(units)},
                                                      {"into", "000.00.94.H47"},
                                                      {"staff_to", "000.00.94.H47"}}}}};
  }
  // The server's local day (Vietnam's time), as it decides whether a plan's day has come.
  static std::string today(HttpClient&) { return format_iso_date(local_date(Clock().now())); }

  std::unique_ptr<ServerProcess> server_;
};

TEST_P(ReorganisationApiTest, OnlySystemAdministratorsPlanAndBadPlansListEveryProblem) {
  HttpClient admin = login("admin");
  std::string day = today(admin);
  ASSERT_FALSE(day.empty());
  bj::object good = plan(admin, day);

  // Strangers, citizens and a district's own administrator are refused before anything is read.
  HttpClient stranger(server_->port());
  EXPECT_EQ(stranger.post_json("/api/v1/units/reorganisations?dry_run=1", good).status, 401);
  HttpClient citizen(server_->port());
  ASSERT_EQ(citizen.login("0912345678", kDemoPassword, "applicant").status, 200);
  EXPECT_EQ(citizen.post_json("/api/v1/units/reorganisations?dry_run=1", good).status, 403);
  auto admins = admin.get(fmt::format("/api/v1/officials?role=unit_admin&unit_id={}",
                                      unit_id_by_code(admin, "000.00.34.H47")));
  ASSERT_EQ(admins.status, 200);
  std::string district_admin(admins.json().at("items").as_array()[0].at("username").as_string());
  HttpClient district = login(district_admin);
  auto refused = district.post_json("/api/v1/units/reorganisations", good);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(district.get("/api/v1/units/reorganisations").status, 403);

  // Malformed bodies.
  EXPECT_EQ(admin.post_json("/api/v1/units/reorganisations", bj::array{}).status, 422);
  auto no_title =
      admin.post_json("/api/v1/units/reorganisations", bj::object{{"effective_on", "hôm nay"}});
  EXPECT_EQ(no_title.status, 422) << no_title.body;

  // A plan with problems: every one listed, in Vietnamese, nothing written.
  bj::object bad = good;
  bad["effective_on"] = "2025-01-01";
  bad["merges"].as_array()[0].as_object().erase("staff_to");
  bad["merges"].as_array()[0].as_object()["units"].as_array().push_back(bj::value("000.99.34.H47"));
  auto dry = admin.post_json("/api/v1/units/reorganisations?dry_run=1", bad);
  ASSERT_EQ(dry.status, 200) << dry.body;
  auto problems = dry.json().at("problems").as_array();
  std::set<std::string> codes;
  for (const auto& p : problems) codes.insert(std::string(p.at("code").as_string()));
  EXPECT_TRUE(codes.contains("date_past"));
  EXPECT_TRUE(codes.contains("unknown_unit"));
  EXPECT_TRUE(codes.contains("staff_decision_needed"));
  auto submitted = admin.post_json("/api/v1/units/reorganisations", bad);
  EXPECT_EQ(submitted.status, 422) << submitted.body;
  EXPECT_EQ(submitted.error_code(), "reorganisation.invalid_plan");
  EXPECT_EQ(submitted.json().at("error").at("details").at("problems").as_array().size(),
            problems.size());
  EXPECT_EQ(admin.get("/api/v1/units/reorganisations").json().at("items").as_array().size(), 0u);
  EXPECT_EQ(admin.get(fmt::format("/api/v1/units/{}", unit_id_by_code(admin, "000.00.34.H47")))
                .json()
                .at("active")
                .as_bool(),
            true);
}

TEST_P(ReorganisationApiTest, AGoodPlanIsAppliedInTheBackgroundOnceAndOldLinksLeadOn) {
  HttpClient admin = login("admin");
  std::string day = today(admin);
  ASSERT_FALSE(day.empty());
  int64_t district = unit_id_by_code(admin, "000.00.34.H47");
  auto recorded =
      admin.get(fmt::format("/api/v1/statistics?agency_id={}&from=2020-01-01", district));
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  int64_t received =
      recorded.json().at("items").as_array()[0].at("counts").at("received").as_int64();

  // The dry run says what moves.
  auto dry = admin.post_json("/api/v1/units/reorganisations?dry_run=1", plan(admin, day));
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_TRUE(dry.json().at("problems").as_array().empty()) << dry.body;
  int64_t to_move = dry.json().at("to_move").as_int64();
  EXPECT_GT(to_move, 0);
  // Accepted, with a retry after a lost reply answered by the first result.
  std::map<std::string, std::string> headers{{"Content-Type", "application/json"},
                                             {"Idempotency-Key", "reorganise-34"}};
  std::string body = bj::serialize(plan(admin, day));
  auto first = admin.request("POST", "/api/v1/units/reorganisations", body, headers);
  ASSERT_EQ(first.status, 202) << first.body;
  auto retry = admin.request("POST", "/api/v1/units/reorganisations", body, headers);
  EXPECT_EQ(retry.status, 202) << retry.body;
  int64_t id = first.json().at("id").as_int64();
  EXPECT_EQ(retry.json().at("id").as_int64(), id);
  EXPECT_EQ(admin.get("/api/v1/units/reorganisations").json().at("items").as_array().size(), 1u);

  // Progress until applied.
  bj::value state;
  ASSERT_TRUE(eventually([&] {
    auto r = admin.get(fmt::format("/api/v1/units/reorganisations/{}", id));
    state = r.json();
    return r.status == 200 && state.at("status").as_string() == "applied";
  })) << bj::serialize(state);
  EXPECT_EQ(state.at("moved").as_int64(), to_move);
  EXPECT_EQ(state.at("status_label").as_string(), "Đã thực hiện");
  auto cancel =
      admin.post_json(fmt::format("/api/v1/units/reorganisations/{}/cancel", id), bj::object{});
  EXPECT_EQ(cancel.status, 409);
  EXPECT_EQ(cancel.error_code(), "reorganisation.not_cancellable");

  // The old district's page leads to its successor; the new commune names its predecessors.
  auto old_unit = admin.get(fmt::format("/api/v1/units/{}", district)).json();
  EXPECT_FALSE(old_unit.at("active").as_bool());
  EXPECT_FALSE(old_unit.at("ended_on").is_null());
  ASSERT_EQ(old_unit.at("successors").as_array().size(), 1u);
  int64_t successor = old_unit.at("successors").as_array()[0].at("id").as_int64();
  EXPECT_EQ(successor, unit_id_by_code(admin, "000.00.94.H47"));
  auto new_unit = admin.get(fmt::format("/api/v1/units/{}", successor)).json();
  EXPECT_GT(new_unit.at("predecessors").as_array().size(), 5u);

  // Statistics: by the boundaries of the time the district is unchanged; by today's the new
  // commune holds what the district held.
  auto then = admin.get(fmt::format("/api/v1/statistics?agency_id={}&from=2020-01-01", district));
  EXPECT_EQ(then.json().at("items").as_array()[0].at("counts").at("received").as_int64(), received);
  auto now = admin.get(
      fmt::format("/api/v1/statistics?agency_id={}&from=2020-01-01&boundaries=today", successor));
  ASSERT_EQ(now.status, 200) << now.body;
  EXPECT_EQ(now.json().at("items").as_array()[0].at("counts").at("received").as_int64(), received);
  auto own = admin.get(fmt::format("/api/v1/statistics?agency_id={}&from=2020-01-01", successor));
  EXPECT_LT(own.json().at("items").as_array()[0].at("counts").at("received").as_int64(), received);
  auto bogus = admin.get(
      fmt::format("/api/v1/statistics?agency_id={}&from=2020-01-01&boundaries=new", successor));
  EXPECT_EQ(bogus.status, 422);
}

TEST_P(ReorganisationApiTest, TheCommandLineChecksAPlanFile) {
  HttpClient admin = login("admin");
  std::string day = today(admin);
  int64_t district = unit_id_by_code(admin, "000.00.34.H47");
  TempDir dir;
  std::string file = dir.path() + "/plan.json";
  bj::object bad = plan(admin, day);
  bad["merges"].as_array()[0].as_object().erase("staff_to");
  std::ofstream(file) << bj::serialize(bad);
  std::string out;
  EXPECT_EQ(server_->run_cli({"units", "reorganise", "--plan", file, "--dry-run"}, &out), 2) << out;
  EXPECT_NE(out.find("staff_decision_needed"), std::string::npos) << out;
  std::ofstream(file) << bj::serialize(plan(admin, day));
  EXPECT_EQ(server_->run_cli({"units", "reorganise", "--plan", file, "--dry-run"}, &out), 0) << out;
  EXPECT_EQ(server_->run_cli({"units", "reorganise", "--plan", file}, &out), 0) << out;
  EXPECT_NE(out.find("applied"), std::string::npos) << out;
  // The running server sees the new tree within its snapshot recheck.
  EXPECT_TRUE(eventually([&] {
    auto u = admin.get(fmt::format("/api/v1/units/{}", district));
    return u.status == 200 && !u.json().at("active").as_bool();
  }));
}

INSTANTIATE_TEST_SUITE_P(Engines, ReorganisationApiTest, ::testing::ValuesIn(engines()));

}  // namespace
}  // namespace tinhso::testing
