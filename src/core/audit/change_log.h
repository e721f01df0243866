// ChangeLog: the one way state changes reach the database. apply() runs a write transaction
// in which the caller makes its changes and records each of them; the audit entries are
// appended to the hash-chained audit_log in the same transaction, so a change and its audit
// entry commit together or not at all. A transaction that changes state without recording
// it is refused (a programming error caught by the tests).
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "core/audit/actor.h"
#include "core/base/time.h"
#include "core/storage/sql.h"

namespace tinhso::audit {

inline constexpr int kChains = 8;

class ChangeTx {
 public:
  ChangeTx(storage::Tx& sql, const Actor& actor, Instant now)
      : sql_(sql), actor_(actor), now_(now) {}

  storage::Tx& sql() { return sql_; }
  Instant now() const { return now_; }
  int64_t now_ms() const { return to_millis(now_); }
  const Actor& actor() const { return actor_; }

  // Appends an audit entry: `action` like "unit.create", the object changed, and what
  // changed (new values, or {"from":…, "to":…} pairs).
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

 private:
  storage::Tx& sql_;
  const Actor& actor_;
  Instant now_;
  int recorded_ = 0;
  bool unchanged_ = false;
};

class ChangeLog {
 public:
  ChangeLog(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  template <class F>
  auto apply(const Actor& actor, F&& fn) -> std::invoke_result_t<F&, ChangeTx&> {
    using R = std::invoke_result_t<F&, ChangeTx&>;
    return db_.write([&](storage::Tx& tx) -> R {
      ChangeTx change(tx, actor, clock_.now());
      R r = fn(change);
      if (r.ok() && change.recorded() == 0 && !change.unchanged()) {
        return R(Error::internal("state change committed without an audit entry"));
      }
      return r;
    });
  }

  storage::Database& db() { return db_; }
  const Clock& clock() const { return clock_; }

 private:
  storage::Database& db_;
  const Clock& clock_;
};

struct VerifyReport {
  bool ok = true;
  int64_t entries_checked = 0;
  // The first broken link, when !ok.
  int chain = -1;
  int64_t seq = 0;
  int64_t audit_id = 0;
  std::string reason;
};

// Walks every chain and recomputes every digest and hash.
Result<VerifyReport> verify(storage::Database& db);

}  // namespace tinhso::audit
