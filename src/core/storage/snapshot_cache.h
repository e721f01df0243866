// SnapshotCache<T>: an immutable in-memory copy of rarely-changing reference data (the
// organisation tree, the holiday calendar) shared by all threads.
//
// Writers bump a version number in `settings` in the same transaction as their change and
// call invalidate(); other nodes notice the new version within `recheck`. Readers get a
// shared_ptr to the current snapshot and never block on each other.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <spdlog/spdlog.h>
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
    std::lock_guard lock(mu_);
    auto now = std::chrono::steady_clock::now();
    bool stale = stale_.exchange(false);
    if (!stale && current_ && now - checked_ < recheck_) return current_;
    checked_ = now;
    auto fresh = db_.read([&](Tx& tx) -> Result<std::pair<int64_t, std::shared_ptr<const T>>> {
      TS_ASSIGN_OR_RETURN(int64_t v, read_version(tx, key_));
      if (!stale && current_ && v == version_) return std::pair{v, current_};
      TS_ASSIGN_OR_RETURN(auto snapshot, loader_(tx));
      return std::pair{v, std::move(snapshot)};
    });
    if (fresh.ok()) {
      version_ = fresh->first;
      current_ = std::move(fresh->second);
    } else {
      spdlog::error("reloading {} failed: {}", key_, fresh.error().describe());
      stale_.store(true);
      if (!current_) current_ = std::make_shared<const T>();
    }
    return current_;
  }

  // Call after committing a change (this node reloads on the next get()).
  void invalidate() { stale_.store(true); }
  void set_recheck(std::chrono::milliseconds d) { recheck_ = d; }
  const std::string& version_key() const { return key_; }

 private:
  Database& db_;
  std::string key_;
  Loader loader_;
  std::mutex mu_;
  std::shared_ptr<const T> current_;
  int64_t version_ = -1;
  std::atomic<bool> stale_{true};
  std::chrono::steady_clock::time_point checked_{};
  std::chrono::milliseconds recheck_{2000};
};

}  // namespace tinhso::storage
