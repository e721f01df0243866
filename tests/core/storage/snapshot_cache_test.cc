// SnapshotCache on both engines: get() never reads the database once loaded (it runs inside
// transactions, where a read needs a second pooled connection), recheck() picks up another
// node's version bump, invalidate() reloads at once.
#include "core/storage/snapshot_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "support/test_db.h"

namespace tinhso::storage {
namespace {

struct Snapshot {
  int64_t loads = 0;
};

class SnapshotCacheTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && testing::pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    tdb_ = std::make_unique<testing::TestDatabase>(GetParam());
    cache_ = std::make_unique<SnapshotCache<Snapshot>>(
        tdb_->db(), "test_version", [this](Tx&) -> Result<std::shared_ptr<const Snapshot>> {
          ++attempts_;
          if (failing_) return Error::unavailable("the database is down");
          auto s = std::make_shared<Snapshot>();
          s->loads = ++loads_;
          return std::shared_ptr<const Snapshot>(std::move(s));
        });
  }
  // What another node does: bump the version in a committed transaction, without telling us.
  void bump_elsewhere() {
    auto s = tdb_->db().write([](Tx& tx) { return bump_version(tx, "test_version", 1); });
    ASSERT_TRUE(s.ok()) << s.error().describe();
  }
  int64_t reads() { return tdb_->db().stats().read_transactions; }

  std::unique_ptr<testing::TestDatabase> tdb_;
  std::atomic<int64_t> loads_{0};
  std::atomic<int64_t> attempts_{0};
  std::atomic<bool> failing_{false};
  std::unique_ptr<SnapshotCache<Snapshot>> cache_;
};

TEST_P(SnapshotCacheTest, GetNeverReadsOnceLoadedAndRecheckSeesOtherNodesChanges) {
  EXPECT_EQ(cache_->get()->loads, 1);
  bump_elsewhere();
  // Longer than the 2-second interval after which get() used to recheck the version itself.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  int64_t before = reads();
  auto s = tdb_->db().write([&](Tx&) -> Status {
    for (int i = 0; i < 100; ++i) EXPECT_EQ(cache_->get()->loads, 1);
    return ok_status();
  });
  ASSERT_TRUE(s.ok()) << s.error().describe();
  EXPECT_EQ(reads(), before) << "get() read the database";

  cache_->recheck();
  EXPECT_EQ(cache_->get()->loads, 2);
  cache_->recheck();  // nothing changed: no reload
  EXPECT_EQ(cache_->get()->loads, 2);

  cache_->invalidate();  // this node's own change: reloaded before invalidate() returns
  EXPECT_EQ(loads_.load(), 3);
  EXPECT_EQ(cache_->get()->loads, 3);
}

// During an outage nothing retries per request (once, every request of every node retried and
// logged): a snapshot never loaded is tried again after a back-off, a loaded one keeps being
// served while the background recheck fails.
TEST_P(SnapshotCacheTest, AnOutageIsRetriedWithBackOffNotPerRequest) {
  failing_ = true;
  EXPECT_EQ(cache_->get()->loads, 0);  // the empty snapshot
  EXPECT_EQ(attempts_.load(), 1);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(cache_->get()->loads, 0);
  EXPECT_EQ(attempts_.load(), 1) << "get() retried per request";
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  cache_->get();  // after the first back-off (1 s): one more try, which fails
  EXPECT_EQ(attempts_.load(), 2);
  failing_ = false;
  cache_->recheck();  // still backing off (2 s)
  EXPECT_EQ(attempts_.load(), 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  EXPECT_EQ(cache_->get()->loads, 1);
  EXPECT_EQ(attempts_.load(), 3);

  // Loaded, then the database goes down: requests keep the snapshot and touch nothing.
  bump_elsewhere();
  failing_ = true;
  cache_->recheck();
  EXPECT_EQ(attempts_.load(), 4);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(cache_->get()->loads, 1);
  cache_->recheck();  // backing off
  EXPECT_EQ(attempts_.load(), 4);
  failing_ = false;
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  cache_->recheck();  // back: the other node's change arrives
  EXPECT_EQ(cache_->get()->loads, 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, SnapshotCacheTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::storage
