// ChangeFeed: tells every node, the moment a transaction commits, that something it may have
// cached changed — a session ended, access withdrawn, reference data edited — so that the other
// nodes drop it at once instead of at their next periodic recheck (2 s) or cache expiry (20 s).
//
// On PostgreSQL, announce() issues NOTIFY inside the changing transaction: PostgreSQL delivers
// the notice only if that transaction commits, right after the commit, to every node listening
// (this one too). Each node holds one connection of its own, outside the pool, that LISTENs on a
// thread of its own. When that connection is lost, notices sent meanwhile are lost with it, so
// after connecting again the feed calls `resync` (drop everything cached, reload); the periodic
// rechecks stay as the safety net. On SQLite one node owns the database file: there is no other
// node to tell, announce() does nothing, and the node that made the change forgets at once as
// before.
//
// Thread safety: announce() runs on the caller's transaction. Handlers run on the feed's thread,
// one at a time; start() and stop() may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/storage/sql.h"

namespace tinhso::storage {

inline constexpr std::string_view kChangeChannel = "tinhso_changes";
// The application_name of each node's listening connection: settle() counts the nodes by it.
inline constexpr std::string_view kFeedApplicationName = "tinhso-change-feed";

// Inside the changing transaction. `topic` is one word naming what changed; `subject` which one
// (no longer than a few hundred bytes: PostgreSQL limits a notice to 8,000).
Status announce(Tx& tx, std::string_view topic, std::string_view subject = {});

class ChangeFeed {
 public:
  using Handler = std::function<void(std::string_view subject)>;

  // `url`: the PostgreSQL connection string the node's pool uses.
  ChangeFeed(std::string url, std::function<void()> resync);
  ~ChangeFeed();
  ChangeFeed(const ChangeFeed&) = delete;
  ChangeFeed& operator=(const ChangeFeed&) = delete;

  // Before start(): what to do when a notice on `topic` arrives.
  void on(std::string topic, Handler handler);
  // Returns once the first LISTEN is in place (or its first attempt failed: the thread keeps
  // trying, with back-off), so that a node that reports ready misses no notice.
  void start();
  void stop();

  // Returns true once every node listening on the database — this one and each other node's
  // feed, whose database sessions are found in pg_stat_activity by the feed's application_name
  // when the call starts — has dispatched every notice committed before the call to its
  // handlers (a handler that only schedules work, such as a reload, has scheduled it), false
  // after `timeout` or when not listening. It sends a barrier notice through the same queue
  // (PostgreSQL delivers notices to each listener in commit order); each other node answers it
  // on its own feed connection, after everything before it, and the answer is matched to that
  // node by the sending session's pid: a node that started listening meanwhile cannot stand in
  // for a slow one. A change that must hold on every node before its author hears back (a
  // logout, withdrawn access) waits for it, so the next request anywhere sees the change.
  // Waiting for this node's own copy only is not enough: under load another node's feed thread
  // can lag.
  bool settle(Database& db, std::chrono::milliseconds timeout);

  int64_t received() const { return received_.load(); }
  bool listening() const { return listening_.load(); }

 private:
  void loop();
  void dispatch(std::string_view payload, int sender_pid);

  const std::string url_;
  const std::function<void()> resync_;
  std::map<std::string, Handler, std::less<>> handlers_;
  std::thread thread_;
  int wake_fd_ = -1;  // an eventfd that stop() writes to end the thread's poll at once
  std::mutex mu_;
  bool first_attempt_done_ = false;
  std::condition_variable started_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> listening_{false};
  std::atomic<int> backend_pid_{0};  // this feed's database session, not counted as another node
  std::atomic<int64_t> received_{0};
  std::string nonce_;  // tells this node's barriers from the other nodes'
  std::atomic<int64_t> barriers_{0};
  struct Barrier {
    bool seen = false;       // this node's own listener has it
    std::set<int> acked_by;  // feed sessions (pids) of other nodes that answered it
  };
  std::map<std::string, Barrier, std::less<>> pending_barriers_;  // guarded by mu_
  std::condition_variable barrier_seen_;
  // Other nodes' barriers, acknowledged by the feed's thread once the batch is dispatched.
  std::vector<std::string> to_acknowledge_;  // feed thread only
};

}  // namespace tinhso::storage
