// A background thread that runs one job at once and then every `interval` until stopped, for
// housekeeping that must not run on the I/O threads (deadline reminders, nightly snapshots).
// stop() wakes the thread at once and waits for a job in progress to finish.
//
// Thread safety: start(), stop() and run_now() may be called from any thread (a mutex and a
// condition variable); the job itself runs only on the task's thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace tinhso {

class PeriodicTask {
 public:
  PeriodicTask(std::chrono::milliseconds interval, std::function<void()> job)
      : interval_(interval), job_(std::move(job)) {}
  ~PeriodicTask() { stop(); }
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  // Both are idempotent; a stopped task can be started again.
  void start();
  void stop();
  // Runs the job once more as soon as the task's thread is free, without waiting out the
  // interval (a notice that something changed); wakes coalesce. Ignored while stopped.
  void run_now();

 private:
  void loop();

  const std::chrono::milliseconds interval_;
  const std::function<void()> job_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace tinhso
