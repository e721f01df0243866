#include "core/storage/deadline.h"

#include <algorithm>

namespace tinhso::storage {
namespace {

thread_local std::optional<SteadyTime> tl_deadline;

}  // namespace

DeadlineScope::DeadlineScope(SteadyTime deadline) : enclosing_(tl_deadline) {
  // A nested scope never extends the enclosing one.
  tl_deadline = enclosing_ ? std::min(*enclosing_, deadline) : deadline;
}

DeadlineScope::~DeadlineScope() {
  tl_deadline = enclosing_;
}

DeadlineGrace::DeadlineGrace(SteadyTime at_least) : enclosing_(tl_deadline) {
  if (enclosing_) tl_deadline = std::max(*enclosing_, at_least);
}

DeadlineGrace::~DeadlineGrace() {
  tl_deadline = enclosing_;
}

SteadyTime within_deadline(SteadyTime limit) {
  return tl_deadline ? std::min(limit, *tl_deadline) : limit;
}

}  // namespace tinhso::storage
