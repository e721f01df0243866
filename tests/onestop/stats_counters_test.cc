// Statistics counters kept as deltas and folded into totals: figures read alike before, during
// and after folding, and two folders running beside writers (two nodes) count every delta once.
#include "onestop/stats_counters.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "support/test_db.h"

namespace tinhso::onestop {
namespace {

class StatsCountersTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && testing::pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    tdb_ = std::make_unique<testing::TestDatabase>(GetParam());
    d_.agency_unit_id = 7;
    d_.procedure_id = 3;
    d_.channel = "online";
  }
  storage::Database& db() { return tdb_->db(); }
  Status bump(const std::vector<StatsDelta>& deltas) {
    return db().write([&](storage::Tx& tx) { return bump_stats(tx, d_, deltas, at_); });
  }
  // received and fee_dossiers of one row key, read as the statistics read them.
  std::pair<int64_t, int64_t> live(const char* grain, const char* period, int64_t procedure) {
    auto rows = db().read([&](storage::Tx& tx) {
      return tx.query("SELECT COALESCE(SUM(received), 0), COALESCE(SUM(fee_dossiers), 0) FROM " +
                          stats_source("grain = $1 AND period = $2 AND agency_unit_id = 7 AND "
                                       "procedure_id = $3 AND channel = 'online'"),
                      {grain, period, procedure});
    });
    EXPECT_TRUE(rows.ok()) << rows.error().describe();
    return rows.ok() ? std::pair{rows->front().i64(0), rows->front().i64(1)} : std::pair{-1L, -1L};
  }
  int64_t count(const char* table) {
    auto rows = db().read(
        [&](storage::Tx& tx) { return tx.query(std::string("SELECT count(*) FROM ") + table); });
    return rows.ok() ? rows->front().i64(0) : -1;
  }

  std::unique_ptr<testing::TestDatabase> tdb_;
  Dossier d_;
  Instant at_ = *parse_rfc3339("2026-11-22T23:30:00+07:00");
};

TEST_P(StatsCountersTest, FiguresReadAlikeBeforeDuringAndAfterFolding) {
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(bump({{"received", 1}, {"fee_dossiers", 1}}).ok());
  // One row per key a transition touches: day and month by procedure, the agency's month
  // roll-up, year by procedure and the agency's year roll-up.
  EXPECT_EQ(count("dossier_stats_delta"), 50);
  EXPECT_EQ(count("dossier_stats"), 0);
  auto expect_all = [&] {
    EXPECT_EQ(live("d", "2026-11-22", 3), std::pair(10L, 10L));
    EXPECT_EQ(live("m", "2026-11", 3), std::pair(10L, 10L));
    EXPECT_EQ(live("m", "2026-11", 0), std::pair(10L, 10L));
    EXPECT_EQ(live("y", "2026", 3), std::pair(10L, 10L));
    EXPECT_EQ(live("y", "2026", 0), std::pair(10L, 10L));
  };
  expect_all();
  auto part = fold_stats_deltas(db(), 7);
  ASSERT_TRUE(part.ok()) << part.error().describe();
  EXPECT_EQ(*part, 7);
  expect_all();
  auto rest = fold_stats_deltas(db(), 1000);
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(*rest, 43);
  EXPECT_EQ(count("dossier_stats_delta"), 0);
  EXPECT_EQ(count("dossier_stats"), 5);
  expect_all();
  // New deltas on top of folded totals.
  ASSERT_TRUE(bump({{"received", 2}}).ok());
  EXPECT_EQ(live("m", "2026-11", 0), std::pair(12L, 10L));
  auto none = fold_stats_deltas(db(), 1000);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 5);
  EXPECT_EQ(live("m", "2026-11", 0), std::pair(12L, 10L));
}

TEST_P(StatsCountersTest, UnknownCountersAreRefusedAndWriteNothing) {
  auto s = bump({{"received", 1}, {"received; DROP TABLE dossiers", 1}});
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(count("dossier_stats_delta"), 0);
}

TEST_P(StatsCountersTest, TwoFoldersBesideWritersCountEveryDeltaOnce) {
  // Two nodes each run a folder; four desks submit meanwhile.
  std::atomic<bool> writing{true};
  std::atomic<int> write_failures{0}, fold_failures{0};
  std::vector<std::thread> writers, folders;
  writers.reserve(4);
  folders.reserve(2);
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&] {
      for (int i = 0; i < 100; ++i)
        if (!bump({{"received", 1}}).ok()) ++write_failures;
    });
  }
  for (int f = 0; f < 2; ++f) {
    folders.emplace_back([&] {
      while (writing) {
        if (!fold_stats_deltas(db(), 37).ok()) ++fold_failures;
      }
    });
  }
  for (auto& t : writers) t.join();
  writing = false;
  for (auto& t : folders) t.join();
  EXPECT_EQ(write_failures.load(), 0);
  EXPECT_EQ(fold_failures.load(), 0);
  EXPECT_EQ(live("m", "2026-11", 0).first, 400);
  ASSERT_TRUE(fold_stats_deltas(db(), 100000).ok());
  EXPECT_EQ(count("dossier_stats_delta"), 0);
  EXPECT_EQ(live("d", "2026-11-22", 3).first, 400);
  EXPECT_EQ(live("y", "2026", 0).first, 400);
}

INSTANTIATE_TEST_SUITE_P(Engines, StatsCountersTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::onestop
