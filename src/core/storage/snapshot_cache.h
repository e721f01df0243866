// SnapshotCache<T>: an immutable in-memory copy of rarely-changing reference data (the
// organisation tree, the holiday calendar) shared by all threads.
//
// Writers bump a version number in `settings` in the same transaction as their change and,
// once committed, call invalidate(), which reloads at once. Other nodes notice the new version
// when a background task calls recheck() (the server does every 2 s). get() never reads the
// database once a snapshot is loaded: it is called inside transactions, and a read there would
// need a second pooled connection while holding one. With more worker threads than PostgreSQL
// connections, those waits exhausted the pool (every holder waiting for the one thread that
// was reloading): 20 s stalls and "no free connection" errors under load.
//
// Thread safety: get() may be called from any thread and never blocks once loaded (an atomic
// shared pointer); reloads are serialised by a mutex.
#pragma once

#include <spdlog/spdlog.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "core/storage/sql.h"

namespace tinhso::storage {

Result<int64_t> read_version(Tx& tx, std::string_view key);
Status bump_version(Tx& tx, std::string_view key, int64_t now_ms);

template <class T>
class SnapshotCache {
 public:
  using Loader = std::function<Result<std::shared_ptr<const T>>(Tx&)>;

  SnapshotCache(Database& db, std::string version_key, Loader loader)
      : db_(db), key_(std::move(version_key)), loader_(std::move(loader)) {}

  std::shared_ptr<const T> get() {
    // Fast path, taken by nearly every request: no lock.
    if (!stale_.load(std::memory_order_acquire)) {
      if (auto current = std::atomic_load(&current_)) return current;
    }
    // The first load, or a retry after a failed one.
    std::lock_guard lock(mu_);
    if (stale_.exchange(false) || !current_) reload_locked(true);
    return current_;
  }

  // Loads a new snapshot if the stored version changed (another node's change). For a
  // background task, never for a thread inside a transaction.
  void recheck() {
    std::lock_guard lock(mu_);
    reload_locked(stale_.exchange(false) || !current_);
  }

  // Call after committing a change, outside any transaction: reloads before returning, so
  // this node's next request sees the change.
  void invalidate() {
    std::lock_guard lock(mu_);
    stale_.store(false);
    reload_locked(true);
  }

  const std::string& version_key() const { return key_; }

 private:
  // With mu_ held. `force` loads even if the version is unchanged.
  void reload_locked(bool force) {
    auto fresh = db_.read([&](Tx& tx) -> Result<std::pair<int64_t, std::shared_ptr<const T>>> {
      TS_ASSIGN_OR_RETURN(int64_t v, read_version(tx, key_));
      if (!force && current_ && v == version_) return std::pair{v, current_};
      TS_ASSIGN_OR_RETURN(auto snapshot, loader_(tx));
      return std::pair{v, std::move(snapshot)};
    });
    if (fresh.ok()) {
      version_ = fresh->first;
      std::atomic_store(&current_, std::shared_ptr<const T>(std::move(fresh->second)));
    } else {
      spdlog::error("reloading {} failed: {}", key_, fresh.error().describe());
      stale_.store(true);
      if (!current_) std::atomic_store(&current_, std::make_shared<const T>());
    }
  }

  Database& db_;
  std::string key_;
  Loader loader_;
  std::mutex mu_;
  std::shared_ptr<const T> current_;
  int64_t version_ = -1;
  std::atomic<bool> stale_{true};
};

}  // namespace tinhso::storage
