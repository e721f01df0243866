// The rate limiter: a burst then the rate, per key, and exactly the allowed number of tokens
// handed out when many threads share one bucket (the TSan run checks the sharded locking).
#include "core/base/rate_limiter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace tinhso {
namespace {

TEST(RateLimiter, ABurstThenRefusedWithAWait) {
  RateLimiter limiter(1.0, 3);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.allow("10.0.0.1")) << i;
  int wait = 0;
  EXPECT_FALSE(limiter.allow("10.0.0.1", &wait));
  EXPECT_GE(wait, 1);
  EXPECT_TRUE(limiter.allow("10.0.0.2")) << "another client has its own bucket";
}

TEST(RateLimiter, WouldAllowTakesNothing) {
  RateLimiter limiter(0.001, 1);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.would_allow("k"));
  EXPECT_TRUE(limiter.allow("k"));
  EXPECT_FALSE(limiter.would_allow("k"));
}

TEST(RateLimiter, DisabledAllowsEverything) {
  RateLimiter limiter(0, 0);
  EXPECT_FALSE(limiter.enabled());
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(limiter.allow("k"));
}

// Eight threads on one key and on keys of their own: the shared bucket hands out its burst
// and (at a rate far below the test's duration) not one token more.
TEST(RateLimiter, ThreadsSharingABucketGetExactlyItsTokens) {
  RateLimiter limiter(0.001, 500);
  std::atomic<int> shared_granted{0};
  std::atomic<int> own_granted{0};
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      std::string own = "client-" + std::to_string(t);
      for (int i = 0; i < 200; ++i) {
        if (limiter.allow("shared")) ++shared_granted;
        if (limiter.allow(own)) ++own_granted;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(shared_granted.load(), 500);
  EXPECT_EQ(own_granted.load(), 8 * 200);
}

}  // namespace
}  // namespace tinhso
