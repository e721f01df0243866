#include "core/audit/change_log.h"

#include <gtest/gtest.h>

#include <thread>

#include "support/test_db.h"

namespace tinhso::audit {
namespace {

class AuditTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && testing::pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    tdb_ = std::make_unique<testing::TestDatabase>(GetParam());
    log_ = std::make_unique<ChangeLog>(tdb_->db(), clock_);
  }
  Status change(const std::string& object_id, int value) {
    Actor a;
    a.kind = "official";
    a.id = 42;
    a.name = "Nguyễn Thị Lan";
    a.role = "unit_admin";
    a.unit_id = 7;
    a.request_id = "req-" + object_id;
    return log_->apply(a, [&](ChangeTx& tx) -> Status {
      TS_TRY(
          tx.sql().exec("INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) "
                        "ON CONFLICT (key) DO UPDATE SET value = $2",
                        {object_id, std::to_string(value), tx.now_ms()}));
      return tx.record("setting.set", "setting", object_id, boost::json::object{{"value", value}});
    });
  }
  Status tamper(const std::string& sql) {
    return tdb_->db().write([&](storage::Tx& tx) -> Status { return tx.exec_script(sql); });
  }
  Clock clock_;
  std::unique_ptr<testing::TestDatabase> tdb_;
  std::unique_ptr<ChangeLog> log_;
};

TEST_P(AuditTest, EveryChangeIsChainedAndVerifies) {
  for (int i = 0; i < 40; ++i) ASSERT_TRUE(change("obj" + std::to_string(i % 13), i).ok());
  auto report = verify(tdb_->db());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->entries_checked, 40);
  auto rows = tdb_->db().read([](storage::Tx& tx) {
    return tx.query(
        "SELECT actor_name, role, unit_id, request_id, change FROM audit_log WHERE object_id = "
        "'obj3' "
        "ORDER BY seq");
  });
  ASSERT_TRUE(rows.ok());
  ASSERT_GE(rows->size(), 3u);
  EXPECT_EQ(rows->front().str(0), "Nguyễn Thị Lan");
  EXPECT_EQ(rows->front().str(1), "unit_admin");
  EXPECT_EQ(rows->front().i64(2), 7);
  EXPECT_EQ(rows->front().str(3), "req-obj3");
  EXPECT_EQ(rows->front().str(4), "{\"value\":3}");
}

TEST_P(AuditTest, ConcurrentChangesKeepEveryChainIntact) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 15; ++i)
        EXPECT_TRUE(change("c" + std::to_string((t * 15 + i) % 23), i).ok());
    });
  }
  for (auto& th : threads) th.join();
  auto report = verify(tdb_->db());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->entries_checked, 120);
}

TEST_P(AuditTest, DetectsAnEditedChange) {
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(change("obj" + std::to_string(i), i).ok());
  ASSERT_TRUE(
      tamper("UPDATE audit_log SET change = '{\"value\":999}' WHERE object_id = 'obj4'").ok());
  auto report = verify(tdb_->db());
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok);
  EXPECT_NE(report->reason.find("digest"), std::string::npos);
}

TEST_P(AuditTest, DetectsAnEditedActorEvenWithARecomputedDigest) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(change("obj" + std::to_string(i), i).ok());
  ASSERT_TRUE(
      tamper("UPDATE audit_log SET actor_name = 'Someone else' WHERE object_id = 'obj2'").ok());
  auto report = verify(tdb_->db());
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok);
  EXPECT_NE(report->reason.find("hash"), std::string::npos);
}

TEST_P(AuditTest, DetectsARemovedEntry) {
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(change("same", i).ok());  // one chain
  ASSERT_TRUE(tamper("DELETE FROM audit_log WHERE seq = 10 AND object_id = 'same'").ok());
  auto report = verify(tdb_->db());
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->seq, 11);
  EXPECT_NE(report->reason.find("removed"), std::string::npos);
}

TEST_P(AuditTest, DetectsTruncationOfTheNewestEntries) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(change("same", i).ok());
  ASSERT_TRUE(tamper("DELETE FROM audit_log WHERE seq = 5 AND object_id = 'same'").ok());
  auto report = verify(tdb_->db());
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok);
  EXPECT_NE(report->reason.find("head"), std::string::npos);
}

TEST_P(AuditTest, AStateChangeWithoutAnAuditEntryIsRefusedAndRolledBack) {
  auto r = log_->apply(Actor::system(), [](ChangeTx& tx) -> Status {
    TS_TRY(
        tx.sql().exec("INSERT INTO settings (key, value, updated_at) VALUES ('sneaky', 'x', 0)"));
    return ok_status();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status(), 500);
  auto rows = tdb_->db().read([](storage::Tx& tx) {
    return tx.query("SELECT count(*) FROM settings WHERE key = 'sneaky'");
  });
  EXPECT_EQ(rows->front().i64(0), 0);
}

TEST_P(AuditTest, AFailedChangeLeavesNoAuditEntry) {
  auto r = log_->apply(Actor::system(), [](ChangeTx& tx) -> Status {
    TS_TRY(tx.record("x.y", "thing", "1", boost::json::object{}));
    return Error::validation("x", "nope");
  });
  ASSERT_FALSE(r.ok());
  auto rows =
      tdb_->db().read([](storage::Tx& tx) { return tx.query("SELECT count(*) FROM audit_log"); });
  EXPECT_EQ(rows->front().i64(0), 0);
  auto report = verify(tdb_->db());
  EXPECT_TRUE(report->ok) << report->reason;
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::audit
