// When a person's access is withdrawn or changed — account deactivated, password changed or
// reset, roles granted or revoked, a token revoked — no node may keep acting on what it had
// cached about them. Each such change, in its own transaction, ends the person's sessions
// and tokens as the case requires and bumps a revocation epoch in the database; the node that
// made the change forgets at once, every other node within one recheck (two seconds) when it
// sees the epoch move (RevocationWatcher). On PostgreSQL the other nodes are also told by a notice
// at the commit (storage/change_feed.h) and forget at once; settle() makes the author of the
// change wait until the notice has gone out, so that no node can still act on it afterwards.
//
// Thread safety: RevocationWatcher may be called from any thread; the epoch it has seen is atomic.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "core/identity/principal.h"
#include "core/storage/sql.h"

namespace tinhso::identity {

class SessionStore;
class TokenStore;

struct Revoke {
  bool sessions = false;  // end every session of the person
  bool tokens = false;    // revoke every API token of the official
};

// Inside the change's transaction: tells every node to drop what it cached.
Status bump_revocation_epoch(storage::Tx& tx, int64_t now_ms);
// Inside the change's transaction; bumps the epoch too.
Status revoke_access(storage::Tx& tx, PrincipalKind kind, int64_t id, Revoke what, int64_t now_ms);

class RevocationWatcher {
 public:
  RevocationWatcher(storage::Database& db, SessionStore& sessions, TokenStore& tokens)
      : db_(db), sessions_(sessions), tokens_(tokens) {}
  // After a change committed on this node; settles.
  void forget(PrincipalKind kind, int64_t id);
  // After a change committed on this node that other nodes must not miss (a logout): returns
  // once they have been told (the settle hook; nothing to wait for on one node).
  void settle() const {
    if (settle_) settle_();
  }
  // Before serving.
  void set_settle(std::function<void()> settle) { settle_ = std::move(settle); }
  // Reads the epoch; when another node moved it, forgets every cached session and token.
  Status recheck();

 private:
  storage::Database& db_;
  SessionStore& sessions_;
  TokenStore& tokens_;
  std::atomic<int64_t> seen_{-1};
  std::function<void()> settle_;
};

}  // namespace tinhso::identity
