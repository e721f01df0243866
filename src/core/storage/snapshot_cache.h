// SnapshotCache<T>: an immutable in-memory copy of rarely-changing reference data (the
// organisation tree, the holiday calendar) shared by all threads.
//
// Writers bump a version number in `settings` in the same transaction as their change and,
// once committed, call invalidate(), which reloads at once. bump_version() also announces the
// change (change_feed.h): other nodes call recheck() the moment it commits, and a background
// task calls it every 2 s in case a notice was missed. get() never reads the
// database once a snapshot is loaded: it is called inside transactions, and a read there would
// need a second pooled connection while holding one. With more worker threads than PostgreSQL
// connections, those waits exhausted the pool (every holder waiting for the one thread that
// was reloading): 20 s stalls and "no free connection" errors under load.
//
// When the database is down, nothing retries per request: get() keeps serving the last
// snapshot, and a snapshot never loaded (the database was down at start) is tried again at most
// once per back-off interval (1 s doubling to 30 s; the empty snapshot meanwhile). Failures are
// logged once, then at most every 30 s with how many there were.
//
// Thread safety: get() may be called from any thread and never blocks once loaded (an atomic
// shared pointer); reloads are serialised by a mutex.
#pragma once

#include <spdlog/spdlog.h>

#include <algorithm>
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
    // Fast path, taken by nearly every request: no lock, no database.
    if (loaded_.load(std::memory_order_acquire)) return std::atomic_load(&current_);
    // Never loaded: the first use, or the database was down. One caller tries per back-off
    // interval; the others get the empty snapshot meanwhile instead of queueing on the lock.
    if (now_ms() < next_attempt_ms_.load(std::memory_order_acquire)) {
      if (auto current = std::atomic_load(&current_)) return current;
    }
    std::lock_guard lock(mu_);
    if (!loaded_ && now_ms() >= next_attempt_ms_.load()) reload_locked(true);
    return current_;
  }

  // Loads a new snapshot if the stored version changed (another node's change, or this node's
  // own whose reload failed). For a background task, never for a thread inside a transaction.
  void recheck() {
    std::lock_guard lock(mu_);
    if (failures_ > 0 && now_ms() < next_attempt_ms_.load()) return;  // backing off
    reload_locked(!loaded_);
  }

  // Call after committing a change, outside any transaction: reloads before returning, so
  // this node's next request sees the change. If that reload fails, requests keep the old
  // snapshot (get() never reads once loaded) until the background recheck, after its back-off,
  // finds the new version.
  void invalidate() {
    std::lock_guard lock(mu_);
    reload_locked(true);
  }

  const std::string& version_key() const { return key_; }

 private:
  static int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }

  // With mu_ held. `force` loads even if the version is unchanged.
  void reload_locked(bool force) {
    auto fresh = db_.read([&](Tx& tx) -> Result<std::pair<int64_t, std::shared_ptr<const T>>> {
      TS_ASSIGN_OR_RETURN(int64_t v, read_version(tx, key_));
      if (!force && current_ && v == version_) return std::pair{v, current_};
      TS_ASSIGN_OR_RETURN(auto snapshot, loader_(tx));
      return std::pair{v, std::move(snapshot)};
    });
    int64_t now = now_ms();
    if (fresh.ok()) {
      if (failures_ > 0)
        spdlog::info("reloading {} works again after {} failures", key_, failures_);
      failures_ = 0;
      next_attempt_ms_.store(0);
      version_ = fresh->first;
      std::atomic_store(&current_, std::shared_ptr<const T>(std::move(fresh->second)));
      loaded_.store(true, std::memory_order_release);
      return;
    }
    ++failures_;
    int64_t backoff =
        std::min<int64_t>(30'000, int64_t{1000} << std::min<int64_t>(failures_ - 1, 5));
    next_attempt_ms_.store(now + backoff);
    if (failures_ == 1 || now - last_log_ms_ >= 30'000) {
      spdlog::error("reloading {} failed ({} in a row; next try in {} s): {}", key_, failures_,
                    backoff / 1000, fresh.error().describe());
      last_log_ms_ = now;
    }
    if (!current_) std::atomic_store(&current_, std::make_shared<const T>());
  }

  Database& db_;
  std::string key_;
  Loader loader_;
  std::mutex mu_;
  std::shared_ptr<const T> current_;
  int64_t version_ = -1;
  std::atomic<bool> loaded_{false};          // a snapshot from the database is held
  std::atomic<int64_t> next_attempt_ms_{0};  // steady-clock ms before which no reload is tried
  int64_t failures_ = 0;                     // in a row; with mu_ held
  int64_t last_log_ms_ = 0;                  // with mu_ held
};

}  // namespace tinhso::storage
