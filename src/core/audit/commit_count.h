// What the request pipeline learns from, and adds to, the audited changes a handler commits on
// its thread:
//   - how many it committed: a request whose change committed must not run again on a retry,
//     even when its answer is an error (a read after the commit failed), so its Idempotency-Key
//     is kept;
//   - a hook run inside each audited change's transaction, just before the commit: the pipeline
//     marks the request's Idempotency-Key "committed" there, atomically with the change, and
//     fails the change if a retry took the key over meanwhile (idempotency.h).
//
// Thread safety: per thread, read and written only by that thread.
#pragma once

#include <cstdint>
#include <functional>

#include "core/base/result.h"
#include "core/storage/sql.h"

namespace tinhso::audit {

inline uint64_t& commits_on_this_thread() {
  thread_local uint64_t n = 0;
  return n;
}

using CommitHook = std::function<Status(storage::Tx&)>;

inline const CommitHook*& commit_hook_on_this_thread() {
  thread_local const CommitHook* hook = nullptr;
  return hook;
}

// Runs `hook` in every audited change this thread commits while the scope lasts.
class CommitHookScope {
 public:
  explicit CommitHookScope(const CommitHook* hook) : enclosing_(commit_hook_on_this_thread()) {
    commit_hook_on_this_thread() = hook;
  }
  ~CommitHookScope() { commit_hook_on_this_thread() = enclosing_; }
  CommitHookScope(const CommitHookScope&) = delete;
  CommitHookScope& operator=(const CommitHookScope&) = delete;

 private:
  const CommitHook* enclosing_;
};

}  // namespace tinhso::audit
