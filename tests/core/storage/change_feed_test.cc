// ChangeFeed: a notice reaches every listening node when, and only when, the announcing
// transaction commits; after the listening connection is lost the feed connects again and
// resyncs (notices sent meanwhile are lost). On SQLite announce() is a no-op.
#include "core/storage/change_feed.h"

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "support/test_db.h"

namespace tinhso::storage {
namespace {

using namespace std::chrono_literals;

class ChangeFeedTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && testing::pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    tdb_ = std::make_unique<testing::TestDatabase>(GetParam());
  }

  Status announce_in_tx(std::string_view subject, bool commit) {
    return tdb_->db().write([&](Tx& tx) -> Status {
      TS_TRY(announce(tx, "test", subject));
      if (!commit) return Error::invalid("rolled back on purpose");
      return ok_status();
    });
  }
  std::vector<std::string> seen() {
    std::lock_guard lock(mu_);
    return seen_;
  }
  // Waits up to `limit` for `subject` to arrive.
  bool arrives(const std::string& subject, std::chrono::milliseconds limit = 3000ms) {
    auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      for (const auto& s : seen())
        if (s == subject) return true;
      std::this_thread::sleep_for(5ms);
    }
    return false;
  }
  std::unique_ptr<ChangeFeed> feed() {
    auto f = std::make_unique<ChangeFeed>(tdb_->url(), [this] { ++resyncs_; });
    f->on("test", [this](std::string_view subject) {
      std::lock_guard lock(mu_);
      seen_.emplace_back(subject);
    });
    f->on("other", [](std::string_view) { FAIL() << "a notice went to the wrong topic"; });
    return f;
  }

  std::unique_ptr<testing::TestDatabase> tdb_;
  std::mutex mu_;
  std::vector<std::string> seen_;
  std::atomic<int> resyncs_{0};
};

TEST_P(ChangeFeedTest, ANoticeArrivesOnlyWhenItsTransactionCommits) {
  if (GetParam() == "sqlite") {
    // One node per database file: nothing to tell, and announcing must not fail the change.
    EXPECT_TRUE(announce_in_tx("a", true).ok());
    return;
  }
  auto f = feed();
  f->start();
  ASSERT_TRUE(f->listening());
  EXPECT_EQ(resyncs_.load(), 1);  // the first connection: nothing cached can be trusted yet
  ASSERT_TRUE(announce_in_tx("official 12", true).ok());
  EXPECT_TRUE(arrives("official 12"));
  EXPECT_FALSE(announce_in_tx("rolled back", false).ok());
  ASSERT_TRUE(announce_in_tx("after", true).ok());
  // PostgreSQL delivers notices in commit order: once "after" is here, a notice of the rolled
  // back transaction would be here too.
  ASSERT_TRUE(arrives("after"));
  EXPECT_EQ(seen(), (std::vector<std::string>{"official 12", "after"}));
  EXPECT_EQ(f->received(), 2);
  // A barrier comes back through the same queue, after every notice committed before it.
  ASSERT_TRUE(announce_in_tx("before the barrier", true).ok());
  EXPECT_TRUE(f->settle(tdb_->db(), 3000ms));
  EXPECT_EQ(seen().back(), "before the barrier");
  EXPECT_EQ(f->received(), 4);  // the barrier counts, and is not handed to any topic
  f->stop();
  EXPECT_FALSE(f->listening());
  EXPECT_FALSE(f->settle(tdb_->db(), 100ms));
}

TEST_P(ChangeFeedTest, AfterItsConnectionIsLostTheFeedListensAgainAndResyncs) {
  if (GetParam() == "sqlite") GTEST_SKIP() << "PostgreSQL only";
  auto f = feed();
  f->start();
  ASSERT_EQ(resyncs_.load(), 1);
  // What a database restart or a killed backend does to the listening connection.
  auto killed = tdb_->db().write([](Tx& tx) -> Result<Rows> {
    return tx.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = "
        "'tinhso-change-feed' AND datname = current_database()");
  });
  ASSERT_TRUE(killed.ok()) << killed.error().describe();
  ASSERT_EQ(killed->size(), 1u);
  auto until = std::chrono::steady_clock::now() + 10s;
  while (resyncs_.load() < 2 && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(10ms);
  EXPECT_EQ(resyncs_.load(), 2);
  ASSERT_TRUE(announce_in_tx("again", true).ok());
  EXPECT_TRUE(arrives("again"));
}

// settle() returns once the other nodes have handled what came before, not merely once the
// notice was sent: under load another node's feed thread can lag behind this one's.
TEST_P(ChangeFeedTest, SettleWaitsUntilEveryOtherNodeHasHandledWhatCameBefore) {
  if (GetParam() == "sqlite") GTEST_SKIP() << "PostgreSQL only";
  auto a = feed();
  std::atomic<int> handled_on_b{0};
  auto b = std::make_unique<ChangeFeed>(tdb_->url(), [] {});
  b->on("test", [&](std::string_view subject) {
    if (subject == "slow") {
      std::this_thread::sleep_for(400ms);  // a node busy with other work
      ++handled_on_b;
    }
  });
  a->start();
  b->start();
  ASSERT_TRUE(a->listening());
  ASSERT_TRUE(b->listening());

  ASSERT_TRUE(announce_in_tx("slow", true).ok());
  EXPECT_TRUE(a->settle(tdb_->db(), 5000ms));
  EXPECT_EQ(handled_on_b.load(), 1);  // handled on the other node before settle returned

  // A node that cannot answer within the time given: settle says so rather than pretend.
  ASSERT_TRUE(announce_in_tx("slow", true).ok());
  EXPECT_FALSE(a->settle(tdb_->db(), 100ms));
  EXPECT_EQ(handled_on_b.load(), 1);
  EXPECT_TRUE(a->settle(tdb_->db(), 5000ms));
  EXPECT_EQ(handled_on_b.load(), 2);
  b->stop();
  // With the other node gone (once its database session has ended), this one alone settles.
  auto feeds = [&] {
    auto rows = tdb_->db().read([](Tx& tx) {
      return tx.query(
          "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
          "'tinhso-change-feed' AND datname = current_database()");
    });
    return rows.ok() ? rows->front().i64(0) : -1;
  };
  auto until = std::chrono::steady_clock::now() + 10s;
  while (feeds() != 1 && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(10ms);
  ASSERT_EQ(feeds(), 1);
  EXPECT_TRUE(a->settle(tdb_->db(), 5000ms));
  a->stop();
}

INSTANTIATE_TEST_SUITE_P(Engines, ChangeFeedTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::storage
