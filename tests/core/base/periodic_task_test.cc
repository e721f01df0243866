// PeriodicTask: the job runs at once and then every interval; stop() wakes a sleeping task
// instead of waiting out its interval; a stopped task starts again; run_now() runs it early.
#include "core/base/periodic_task.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace tinhso {
namespace {

using namespace std::chrono_literals;

// Waits up to 10 s for `runs` to reach `n`.
bool reaches(const std::atomic<int>& runs, int n) {
  for (int i = 0; i < 1000 && runs.load() < n; ++i) std::this_thread::sleep_for(10ms);
  return runs.load() >= n;
}

TEST(PeriodicTaskTest, RunsAtOnceThenEveryInterval) {
  std::atomic<int> runs{0};
  PeriodicTask task(5ms, [&] { ++runs; });
  task.start();
  task.start();  // a second start adds no second thread
  EXPECT_TRUE(reaches(runs, 3));
  task.stop();
  int after_stop = runs.load();
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(runs.load(), after_stop);
}

TEST(PeriodicTaskTest, StopWakesASleepingTaskAndItCanStartAgain) {
  std::atomic<int> runs{0};
  PeriodicTask task(std::chrono::hours(1), [&] { ++runs; });
  task.start();
  ASSERT_TRUE(reaches(runs, 1));
  auto before = std::chrono::steady_clock::now();
  task.stop();  // would block for an hour if it waited out the interval
  EXPECT_LT(std::chrono::steady_clock::now() - before, 10s);
  EXPECT_EQ(runs.load(), 1);
  task.start();
  EXPECT_TRUE(reaches(runs, 2));
}  // the destructor stops it

TEST(PeriodicTaskTest, RunNowRunsTheJobWithoutWaitingOutTheInterval) {
  std::atomic<int> runs{0};
  PeriodicTask task(std::chrono::hours(1), [&] {
    ++runs;
    std::this_thread::sleep_for(20ms);
  });
  task.run_now();  // stopped: nothing runs
  task.start();
  ASSERT_TRUE(reaches(runs, 1));
  std::this_thread::sleep_for(50ms);
  task.run_now();
  EXPECT_TRUE(reaches(runs, 2));
  // Wakes from several threads while the job runs coalesce into at most one more run each time
  // the thread comes back, never into a queue of runs.
  std::vector<std::thread> wakers;
  wakers.reserve(4);
  for (int i = 0; i < 4; ++i)
    wakers.emplace_back([&] {
      for (int j = 0; j < 50; ++j) task.run_now();
    });
  for (auto& w : wakers) w.join();
  std::this_thread::sleep_for(200ms);
  int settled = runs.load();
  EXPECT_GE(settled, 3);
  EXPECT_LE(settled, 2 + 200);
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(runs.load(), settled) << "no queued runs left after the wakes";
}

}  // namespace
}  // namespace tinhso
