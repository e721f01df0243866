// How many audited changes this thread has committed. The request pipeline compares it before
// and after a handler: a request whose change committed must not run again on a retry, even when
// its answer is an error (a read after the commit failed), so its Idempotency-Key is kept.
//
// Thread safety: one counter per thread, read and written only by that thread.
#pragma once

#include <cstdint>

namespace tinhso::audit {

inline uint64_t& commits_on_this_thread() {
  thread_local uint64_t n = 0;
  return n;
}

}  // namespace tinhso::audit
