// The time by which the work on this thread must be done — a request's deadline, set by the
// HTTP pipeline. Database waits end there: taking a pooled connection and waiting for a
// statement's answer (PostgreSQL). So a hung database costs a request its deadline (and frees
// its worker), not the statement timeout of 30 s plus a margin; the request is answered 503.
// Background tasks set none and keep the engine's own limits.
//
// Thread safety: per thread; a scope restores the enclosing deadline when it ends.
#pragma once

#include <chrono>
#include <optional>

namespace tinhso::storage {

using SteadyTime = std::chrono::steady_clock::time_point;

class DeadlineScope {
 public:
  explicit DeadlineScope(SteadyTime deadline);
  ~DeadlineScope();
  DeadlineScope(const DeadlineScope&) = delete;
  DeadlineScope& operator=(const DeadlineScope&) = delete;

 private:
  std::optional<SteadyTime> enclosing_;
};

// Extends this thread's deadline, if it has one, to at least `at_least` while it lives: for the
// COMMIT of a transaction whose work is done. Cutting the wait for COMMIT at the request's
// deadline would answer 503 for a change that may well have committed; a short grace turns
// most of those into a plain answer. A thread without a deadline keeps none.
class DeadlineGrace {
 public:
  explicit DeadlineGrace(SteadyTime at_least);
  ~DeadlineGrace();
  DeadlineGrace(const DeadlineGrace&) = delete;
  DeadlineGrace& operator=(const DeadlineGrace&) = delete;

 private:
  std::optional<SteadyTime> enclosing_;
};

// The earlier of `limit` and this thread's deadline.
SteadyTime within_deadline(SteadyTime limit);

}  // namespace tinhso::storage
