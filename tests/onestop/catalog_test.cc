// The one-stop building blocks that need no server: dossier codes (format, sequence per agency
// and day, concurrency on both engines), procedure validation, processing time, and the
// QĐ 766 indicator scoring.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "core/storage/sql.h"
#include "onestop/dossier.h"
#include "onestop/indicators.h"
#include "onestop/procedure.h"
#include "support/test_db.h"

namespace tinhso::onestop {
namespace {

using boost::json::object;

class DossierCodeTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && testing::pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    tdb_ = std::make_unique<testing::TestDatabase>(GetParam());
  }
  Result<std::string> next(const std::string& agency, const char* when) {
    return tdb_->db().write(
        [&](storage::Tx& tx) { return next_dossier_code(tx, agency, *parse_rfc3339(when)); });
  }
  std::unique_ptr<testing::TestDatabase> tdb_;
};

TEST_P(DossierCodeTest, SequencePerAgencyPerLocalDay) {
  EXPECT_EQ(*next("000.00.03.H47", "2026-11-22T09:00:00+07:00"), "000.00.03.H47-261122-0001");
  EXPECT_EQ(*next("000.00.03.H47", "2026-11-22T16:00:00+07:00"), "000.00.03.H47-261122-0002");
  EXPECT_EQ(*next("000.00.04.H47", "2026-11-22T16:00:00+07:00"), "000.00.04.H47-261122-0001");
  // 23:30 UTC on the 22nd is already the 23rd in Việt Nam.
  EXPECT_EQ(*next("000.00.03.H47", "2026-11-22T23:30:00Z"), "000.00.03.H47-261123-0001");
}

TEST_P(DossierCodeTest, ConcurrentReceptionsNeverShareACode) {
  std::mutex mu;
  std::set<std::string> codes;
  std::vector<std::thread> threads;
  threads.reserve(8);
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        auto c = next("000.00.21.H47", "2026-11-23T09:00:00+07:00");
        if (!c.ok()) {
          ++failures;
          continue;
        }
        std::lock_guard lock(mu);
        codes.insert(*c);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(codes.size(), 200u);
  EXPECT_TRUE(codes.contains("000.00.21.H47-261123-0200"));
}

TEST_P(DossierCodeTest, CodesTakenInTheirOwnTransactionContinueTheSequence) {
  // PostgreSQL submissions take their code before their own transaction (no lock held across
  // it); the sequence is the same one the in-transaction path uses.
  Instant at = *parse_rfc3339("2026-11-24T09:00:00+07:00");
  EXPECT_EQ(*next("000.00.21.H47", "2026-11-24T08:00:00+07:00"), "000.00.21.H47-261124-0001");
  std::mutex mu;
  std::set<std::string> codes;
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        auto c = take_dossier_code(tdb_->db(), "000.00.21.H47", at);
        ASSERT_TRUE(c.ok()) << c.error().describe();
        std::lock_guard lock(mu);
        codes.insert(*c);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(codes.size(), 100u);
  EXPECT_TRUE(codes.contains("000.00.21.H47-261124-0101"));
  EXPECT_EQ(*next("000.00.21.H47", "2026-11-24T10:00:00+07:00"), "000.00.21.H47-261124-0102");
}

INSTANTIATE_TEST_SUITE_P(Engines, DossierCodeTest, ::testing::Values("sqlite", "postgres"));

object valid_procedure() {
  return object{
      {"national_code", "1.001193"},
      {"name", "Đăng ký khai sinh"},
      {"sector_code", "HT"},
      {"sector_name", "Hộ tịch"},
      {"levels", {"commune"}},
      {"online_mode", "full"},
      {"processing_days", 3},
      {"online_days", 2},
      {"papers", boost::json::array{object{{"name", "Tờ khai đăng ký khai sinh"}}}},
      {"steps",
       boost::json::array{
           object{{"key", "a"}, {"name", "Thẩm định"}, {"role", "specialist"}, {"share", 0.7}},
           object{{"key", "b"}, {"name", "Ký"}, {"role", "leader"}, {"share", 0.3}}}}};
}

TEST(Procedure, ValidDefinitionRoundTrips) {
  auto d = parse_procedure(valid_procedure());
  ASSERT_TRUE(d.ok()) << d.error().describe();
  auto again = parse_procedure(procedure_json(*d));
  ASSERT_TRUE(again.ok()) << again.error().describe();
  EXPECT_EQ(boost::json::serialize(procedure_json(*again)),
            boost::json::serialize(procedure_json(*d)));
  // Online submissions may have their own, shorter time.
  EXPECT_EQ(processing_seconds(*d, "desk", 8 * 3600), 3 * 8 * 3600);
  EXPECT_EQ(processing_seconds(*d, "online", 8 * 3600), 2 * 8 * 3600);
}

TEST(Procedure, InvalidDefinitionsAreRejectedWithTheField) {
  auto fields_of = [](const object& o) {
    auto d = parse_procedure(o);
    EXPECT_FALSE(d.ok());
    return d.ok() ? object{} : d.error().details().at("fields").as_object();
  };
  auto shares = valid_procedure();
  shares["steps"].as_array()[1].as_object()["share"] = 0.5;
  EXPECT_TRUE(fields_of(shares).contains("steps"));
  auto last_not_leader = valid_procedure();
  last_not_leader["steps"].as_array()[1].as_object()["role"] = "specialist";
  EXPECT_TRUE(fields_of(last_not_leader).contains("steps"));
  auto no_time = valid_procedure();
  no_time["processing_days"] = 0;
  EXPECT_TRUE(fields_of(no_time).contains("processing_days"));
  auto bad_level = valid_procedure();
  bad_level["levels"] = {"Cấp tỉnh"};  // a label, not a key (unknown keys: when stored)
  EXPECT_TRUE(fields_of(bad_level).contains("levels"));
  auto bad_code = valid_procedure();
  bad_code["agency_codes"] = {"not-a-code"};
  EXPECT_TRUE(fields_of(bad_code).contains("agency_codes"));
}

TEST(Indicators, PointsAreWeightTimesProgressTowardsTheTarget) {
  IndicatorInputs in;
  in.rates = object{{"received", 100},
                    {"synced_rate", 0.5},
                    {"on_time_rate", 0.9},
                    {"online_rate", 0.25},
                    {"online_payment_rate", nullptr},
                    {"satisfaction_rate", 0.95},
                    {"digitised_result_rate", 1.0},
                    {"digitised_papers_rate", 0.0}};
  in.procedures = 10;
  in.full_online_procedures = 4;
  auto r = compute_indicators(in);
  ASSERT_TRUE(r.ok());
  auto points = [&](const char* group, const char* criterion) -> boost::json::value {
    for (const auto& g : r->at("groups").as_array()) {
      if (g.at("key").as_string() != group) continue;
      for (const auto& c : g.at("criteria").as_array()) {
        if (c.at("key").as_string() == criterion) return c.at("points");
      }
    }
    return "missing";
  };
  EXPECT_DOUBLE_EQ(points("publicity", "synced").to_number<double>(), 5.0);   // 10 × 0.5
  EXPECT_DOUBLE_EQ(points("progress", "on_time").to_number<double>(), 18.0);  // 20 × 0.9
  EXPECT_DOUBLE_EQ(points("online_services", "online_dossiers").to_number<double>(),
                   6.0);  // 12 × 0.25/0.5
  EXPECT_DOUBLE_EQ(points("online_services", "online_procedures").to_number<double>(),
                   3.0);  // 6 × 0.4/0.8
  EXPECT_TRUE(
      points("online_services", "online_payment").is_null());  // no fee dossiers: not scored
  EXPECT_DOUBLE_EQ(points("satisfaction", "satisfied").to_number<double>(),
                   18.0);  // target reached
  EXPECT_DOUBLE_EQ(points("digitisation", "papers").to_number<double>(), 0.0);
  EXPECT_DOUBLE_EQ(r->at("max").to_number<double>(), 100.0);
  EXPECT_DOUBLE_EQ(r->at("scored_max").to_number<double>(), 96.0);
}

}  // namespace
}  // namespace tinhso::onestop
