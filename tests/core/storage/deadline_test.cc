// DeadlineScope: a request's deadline bounds the database waits of its thread; a nested scope
// never extends the enclosing one, and ending a scope restores it.
#include "core/storage/deadline.h"

#include <gtest/gtest.h>

#include <thread>

namespace tinhso::storage {
namespace {

using namespace std::chrono_literals;

TEST(DeadlineTest, ScopesBoundWaitsOnTheirThreadOnly) {
  auto now = std::chrono::steady_clock::now();
  EXPECT_EQ(within_deadline(now + 30s), now + 30s);  // no scope: the engine's own limit
  {
    DeadlineScope request(now + 2s);
    EXPECT_EQ(within_deadline(now + 30s), now + 2s);
    EXPECT_EQ(within_deadline(now + 1s), now + 1s);
    {
      DeadlineScope longer(now + 10s);
      EXPECT_EQ(within_deadline(now + 30s), now + 2s) << "a nested scope never extends";
      DeadlineScope shorter(now + 500ms);
      EXPECT_EQ(within_deadline(now + 30s), now + 500ms);
    }
    EXPECT_EQ(within_deadline(now + 30s), now + 2s);
    std::thread other([&] { EXPECT_EQ(within_deadline(now + 30s), now + 30s); });
    other.join();
  }
  EXPECT_EQ(within_deadline(now + 30s), now + 30s);
}

}  // namespace
}  // namespace tinhso::storage
