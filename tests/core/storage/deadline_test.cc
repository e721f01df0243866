// DeadlineScope: a request's deadline bounds the database waits of its thread; a nested scope
// never extends the enclosing one, and ending a scope restores it; a grace (for COMMIT) extends
// an existing deadline only.
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

TEST(DeadlineTest, AGraceExtendsADeadlineButNeverMakesOne) {
  auto now = std::chrono::steady_clock::now();
  {
    DeadlineGrace grace(now + 5s);
    EXPECT_EQ(within_deadline(now + 30s), now + 30s) << "no deadline: none made";
  }
  DeadlineScope request(now + 1s);
  {
    DeadlineGrace grace(now + 5s);
    EXPECT_EQ(within_deadline(now + 30s), now + 5s);
    EXPECT_EQ(within_deadline(now + 3s), now + 3s);
  }
  EXPECT_EQ(within_deadline(now + 30s), now + 1s) << "restored when the grace ends";
  {
    DeadlineGrace shorter(now + 500ms);
    EXPECT_EQ(within_deadline(now + 30s), now + 1s) << "a grace never shortens";
  }
}

}  // namespace
}  // namespace tinhso::storage
