// ChangeLog: the one way state changes reach the database. apply() runs a write transaction
// in which the caller makes its changes and records each of them; the audit entries are
// appended to the hash-chained audit_log in the same transaction, so a change and its audit
// entry commit together or not at all. A transaction that changes state without recording
// it is refused (a programming error caught by the tests).
//
// Each entry's hash is an HMAC, under a key kept outside the database (keys.h), of its fields
// (each prefixed with its length, so no byte can move from one field to the next) and the
// previous entry's hash: a database writer can edit or delete entries but cannot recompute
// the chain. Entries written before the keyed scheme (hash_version 1, plain SHA-256 of
// newline-joined fields) still verify; signed checkpoints (checkpoints.h) cover them.
#pragma once

#include <boost/json/value.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/audit/actor.h"
#include "core/audit/commit_count.h"
#include "core/audit/keys.h"
#include "core/base/time.h"
#include "core/storage/sql.h"

namespace tinhso::audit {

inline constexpr int kChains = 64;  // rows of audit_chains (core migrations 0001, 0007, 0010)

class ChangeTx {
 public:
  ChangeTx(storage::Tx& sql, const Actor& actor, Instant now, const AuditKey* key);
  ~ChangeTx();
  ChangeTx(const ChangeTx&) = delete;
  ChangeTx& operator=(const ChangeTx&) = delete;

  storage::Tx& sql() { return sql_; }
  Instant now() const { return now_; }
  int64_t now_ms() const { return to_millis(now_); }
  const Actor& actor() const { return actor_; }
  // The role and unit under which the transaction found the action allowed: the caller's actor
  // is made before the transaction re-reads the record and checks, so the entries recorded
  // after this name what the check relied on.
  void authorised_as(std::string role, int64_t unit_id) {
    actor_.role = std::move(role);
    actor_.unit_id = unit_id;
  }

  // Records an audit entry: `action` like "unit.create", the object changed, and what
  // changed (new values, or {"from":…, "to":…} pairs). The entries are appended to their chains
  // when the caller's work is done, just before the commit (ChangeLog::apply): a chain's head
  // row is then locked for the commit only, not for the whole transaction, so concurrent
  // transactions on PostgreSQL do not queue behind each other's work for it.
  Status record(std::string_view action, std::string_view object_type, std::string_view object_id,
                const boost::json::value& change);
  Status record(std::string_view action, std::string_view object_type, int64_t object_id,
                const boost::json::value& change) {
    return record(action, object_type, std::to_string(object_id), change);
  }
  int recorded() const { return recorded_; }
  // For transactions that turned out to change nothing (idempotent repeats).
  void mark_unchanged() { unchanged_ = true; }
  bool unchanged() const { return unchanged_; }

  // One recorded entry waiting for append_recorded().
  struct Entry;

 private:
  friend class ChangeLog;
  // Appends the recorded entries: locks their chains in ascending order (two transactions never
  // wait for each other in a cycle), then inserts the entries in recording order.
  Status append_recorded();

  storage::Tx& sql_;
  Actor actor_;
  Instant now_;
  const AuditKey* key_;
  int recorded_ = 0;
  bool unchanged_ = false;
  std::vector<std::unique_ptr<Entry>> entries_;
};

// Thread-safe: apply() runs on any number of threads at once, each call its own database
// transaction (a ChangeTx belongs to the call that made it); the keys are set before the server
// serves and only read afterwards.
class ChangeLog {
 public:
  // Without a key nothing can be recorded until set_key() (App sets it once the key is bound
  // to the database, before serving).
  ChangeLog(storage::Database& db, const Clock& clock, std::optional<AuditKey> key = std::nullopt)
      : db_(db), clock_(clock), key_(std::move(key)) {}
  void set_key(AuditKey key) { key_ = std::move(key); }
  const AuditKey* key() const { return key_ ? &*key_ : nullptr; }
  // The key checkpoints are signed with (checkpoints.h), for verifying them.
  void set_checkpoint_key(std::shared_ptr<const CheckpointKey> k) {
    checkpoint_key_ = std::move(k);
  }
  const CheckpointKey* checkpoint_key() const { return checkpoint_key_.get(); }

  template <class F>
  auto apply(const Actor& actor, F&& fn) -> std::invoke_result_t<F&, ChangeTx&> {
    using R = std::invoke_result_t<F&, ChangeTx&>;
    // Taken on the caller's thread: the transaction may run on the engine's writer thread.
    const CommitHook* hook = commit_hook_on_this_thread();
    R result = db_.write([&](storage::Tx& tx) -> R {
      ChangeTx change(tx, actor, clock_.now(), key_ ? &*key_ : nullptr);
      R r = fn(change);
      if (!r.ok()) return r;
      if (change.recorded() == 0 && !change.unchanged()) {
        return R(Error::internal("state change committed without an audit entry"));
      }
      // The hook first: the audit chains' rows stay locked only from the append to the commit.
      if (hook != nullptr && change.recorded() > 0) {
        if (Status s = (*hook)(tx); !s.ok()) return R(std::move(s).error());
      }
      if (Status s = change.append_recorded(); !s.ok()) return R(std::move(s).error());
      return r;
    });
    if (result.ok()) ++commits_on_this_thread();
    return result;
  }

  storage::Database& db() { return db_; }
  const Clock& clock() const { return clock_; }

 private:
  storage::Database& db_;
  const Clock& clock_;
  std::optional<AuditKey> key_;
  std::shared_ptr<const CheckpointKey> checkpoint_key_;
};

struct ChainHead {
  int chain = 0;
  int64_t seq = 0;
  std::string head;
};

struct VerifyOptions {
  const AuditKey* key = nullptr;  // without it keyed entries cannot be checked: a failure
  // Heads recorded by checkpoints whose signatures were already checked (checkpoints.h):
  // every one must still be in the log with the same hash.
  std::vector<std::pair<std::string, std::vector<ChainHead>>> checkpoints;  // (when, heads)
};

struct VerifyReport {
  bool ok = true;
  int64_t entries_checked = 0;
  int64_t legacy_entries = 0;  // hash_version 1 (before keyed links)
  int64_t checkpoints_checked = 0;
  // The first broken link, when !ok.
  int chain = -1;
  int64_t seq = 0;
  int64_t audit_id = 0;
  std::string reason;
};

// The heads of every chain, read in one transaction.
Result<std::vector<ChainHead>> read_heads(storage::Tx& tx);

// The first of `recorded` (heads a checkpoint recorded) that the log no longer holds with the
// same hash, in one read transaction; nothing when it holds them all. A log rewritten or
// truncated after the checkpoint, or a database put back to an earlier time, lacks one.
Result<std::optional<ChainHead>> first_missing_head(storage::Database& db,
                                                    const std::vector<ChainHead>& recorded);

// Takes the chain heads in one snapshot, then walks every chain up to them recomputing every
// digest and hash; entries appended meanwhile are left for the next run. Then checks the
// checkpoints against the log.
Result<VerifyReport> verify(storage::Database& db, const VerifyOptions& options);

}  // namespace tinhso::audit
