// The outbox dispatcher: messages enqueued by concurrent writers are delivered exactly once even
// with two dispatchers (two nodes) on one database; a permanent refusal becomes a dead letter
// at once. The TSan run checks the dispatchers' locking and wake-ups.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/outbox/outbox.h"
#include "support/test_db.h"

namespace tinhso::outbox {
namespace {

class DispatcherTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && testing::pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    tdb_ = std::make_unique<testing::TestDatabase>(GetParam());
  }
  storage::Database& db() { return tdb_->db(); }

  Status enqueue_one(const std::string& channel, int n) {
    return db().write([&](storage::Tx& tx) {
      return enqueue(tx,
                     Message{channel, "target-" + std::to_string(n), boost::json::object{{"n", n}},
                             channel + "-" + std::to_string(n), "test", std::to_string(n)},
                     to_millis(clock_.now()));
    });
  }
  int64_t count(std::string_view status) {
    auto rows = db().read([&](storage::Tx& tx) {
      return tx.query("SELECT count(*) FROM outbox WHERE status = $1", {status});
    });
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? rows->front().i64(0) : -1;
  }
  bool wait_for(std::string_view status, int64_t n) {
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < until) {
      if (count(status) == n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  Clock clock_;
  std::unique_ptr<testing::TestDatabase> tdb_;
};

TEST_P(DispatcherTest, TwoNodesDeliverEveryMessageOnceWhileWritersEnqueue) {
  std::mutex mu;
  std::map<std::string, int> deliveries;  // idempotency key → times delivered
  auto sender = [&](const std::string&, const boost::json::value&, const std::string& key) {
    std::lock_guard lock(mu);
    ++deliveries[key];
    return Delivery{true, false, ""};
  };
  Dispatcher a(db(), clock_, {});
  Dispatcher b(db(), clock_, {});
  a.register_sender("email", sender);
  b.register_sender("email", sender);
  a.start();
  b.start();

  constexpr int kWriters = 4, kEach = 50;
  std::vector<std::thread> writers;
  writers.reserve(kWriters);
  std::atomic<int> failures{0};
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kEach; ++i) {
        if (!enqueue_one("email", w * kEach + i).ok()) ++failures;
        (i % 2 ? a : b).wake();
      }
    });
  }
  for (auto& t : writers) t.join();
  ASSERT_EQ(failures.load(), 0);
  ASSERT_TRUE(wait_for("sent", kWriters * kEach)) << count("sent") << " sent";
  a.stop();
  b.stop();

  std::lock_guard lock(mu);
  ASSERT_EQ(deliveries.size(), static_cast<std::size_t>(kWriters * kEach));
  for (const auto& [key, times] : deliveries) EXPECT_EQ(times, 1) << key;
  EXPECT_EQ(count("pending"), 0);
}

TEST_P(DispatcherTest, APermanentRefusalIsADeadLetterAtOnceAndATransientOneIsRetried) {
  Dispatcher d(db(), clock_, {.max_attempts = 12, .retry_base_seconds = 3600});
  d.register_sender("sms",
                    [](const std::string& target, const boost::json::value&, const std::string&) {
                      if (target == "target-1")
                        return Delivery{false, true, "số điện thoại không tồn tại"};
                      return Delivery{false, false, "tạm thời không gửi được"};
                    });
  ASSERT_TRUE(enqueue_one("sms", 1).ok());
  ASSERT_TRUE(enqueue_one("sms", 2).ok());
  ASSERT_TRUE(enqueue_one("sms", 2).ok()) << "a repeat of a key is ignored, not an error";
  EXPECT_EQ(d.run_once(), 0);
  EXPECT_EQ(count("dead"), 1);
  EXPECT_EQ(count("pending"), 1);
  auto rows = db().read([](storage::Tx& tx) {
    return tx.query(
        "SELECT attempts, next_attempt_at, last_error FROM outbox WHERE target = "
        "'target-2'");
  });
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().i64(0), 1);
  // Backed off by about the base delay (±20 % jitter), not retried at once.
  EXPECT_GT(rows->front().i64(1), to_millis(clock_.now()) + 2800 * 1000);
  EXPECT_EQ(rows->front().str(2), "tạm thời không gửi được");
  EXPECT_EQ(d.run_once(), 0);
  EXPECT_EQ(count("pending"), 1) << "not due again yet";
}

INSTANTIATE_TEST_SUITE_P(Engines, DispatcherTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::outbox
