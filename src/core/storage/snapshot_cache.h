// SnapshotCache<T>: an immutable in-memory copy of rarely-changing reference data (the
// organisation tree, the holiday calendar) shared by all threads.
//
// Writers bump a version number in `settings` in the same transaction as their change and
// call invalidate(); other nodes notice the new version within `recheck`. Readers get a
// shared_ptr to the current snapshot without taking a lock, except the one reader per
// `recheck` interval that checks the version.
#pragma once

#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
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
    int64_t now_ns = std::chrono::steady_clock::now().time_since_epoch().count();
    if (!stale_.load(std::memory_order_acquire) &&
        now_ns - checked_ns_.load(std::memory_order_acquire) < recheck_ns()) {
      if (auto current = std::atomic_load(&current_)) return current;
    }
    std::lock_guard lock(mu_);
    bool stale = stale_.exchange(false);
    if (!stale && current_ && now_ns - checked_ns_.load() < recheck_ns()) return current_;
    auto fresh = db_.read([&](Tx& tx) -> Result<std::pair<int64_t, std::shared_ptr<const T>>> {
      TS_ASSIGN_OR_RETURN(int64_t v, read_version(tx, key_));
      if (!stale && current_ && v == version_) return std::pair{v, current_};
      TS_ASSIGN_OR_RETURN(auto snapshot, loader_(tx));
      return std::pair{v, std::move(snapshot)};
    });
    if (fresh.ok()) {
      version_ = fresh->first;
      std::atomic_store(&current_, std::shared_ptr<const T>(std::move(fresh->second)));
      checked_ns_.store(now_ns, std::memory_order_release);
    } else {
      spdlog::error("reloading {} failed: {}", key_, fresh.error().describe());
      stale_.store(true);
      if (!current_) std::atomic_store(&current_, std::make_shared<const T>());
    }
    return current_;
  }

  // Call after committing a change (this node reloads on the next get()).
  void invalidate() { stale_.store(true); }
  void set_recheck(std::chrono::milliseconds d) { recheck_ = d; }
  int64_t recheck_ns() const {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(recheck_).count();
  }
  const std::string& version_key() const { return key_; }

 private:
  Database& db_;
  std::string key_;
  Loader loader_;
  std::mutex mu_;
  std::shared_ptr<const T> current_;
  int64_t version_ = -1;
  std::atomic<bool> stale_{true};
  std::atomic<int64_t> checked_ns_{INT64_MIN / 2};
  std::chrono::milliseconds recheck_{2000};
};

}  // namespace tinhso::storage
