// Signed checkpoints of the audit chains: every few minutes the heads of all chains (sequence
// and hash, read in one transaction) are signed with the installation's Ed25519 checkpoint key
// and written where a database writer cannot reach — an append-only file, syslog (for a remote
// log server) — and, for convenience, to the database. `tinhso audit verify --checkpoints FILE`
// checks each checkpoint's signature and that the log still holds every head it recorded:
// rewriting or truncating the log after a checkpoint, even with the HMAC key, is found.
//
// A checkpoint is one JSON line:
//   {"v":1,"at":"…","at_ms":…,"node":"…","key":"<key id>","chains":[[chain,seq,"head"],…],
//    "signature":"<base64 Ed25519 over signed_text()>"}
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/change_log.h"
#include "core/base/periodic_task.h"

namespace tinhso::audit {

struct Checkpoint {
  int64_t at_ms = 0;
  std::string node;
  std::string key_id;
  std::vector<ChainHead> chains;
  std::string signature;  // raw

  // What the signature covers.
  std::string signed_text() const;
  std::string to_line() const;
  static Result<Checkpoint> parse_line(std::string_view line);
};

// Reads the heads and signs them.
Result<Checkpoint> make_checkpoint(storage::Database& db, const CheckpointKey& key, Instant now,
                                   std::string node);

// Every checkpoint line of `text` (a file's content), each with a valid signature by `key`;
// an error names the first bad line.
Result<std::vector<Checkpoint>> read_checkpoints(std::string_view text, const CheckpointKey& key);

// The newest checkpoint of the file at `path` signed by `key`, read from its end (the file grows
// by a line every few minutes for years): lines that do not parse or verify — a last line cut
// short by a crash — are passed over. Nothing when the file is missing or holds none.
Result<std::optional<Checkpoint>> newest_checkpoint(const std::string& path,
                                                    const CheckpointKey& key);

struct CheckpointOptions {
  std::chrono::milliseconds interval{std::chrono::minutes(10)};
  std::string file;    // appended to; empty: none
  bool syslog = true;  // LOG_AUTHPRIV, notice
};

// Writes a checkpoint every interval while the heads change (and one at start).
class CheckpointWriter {
 public:
  CheckpointWriter(storage::Database& db, const Clock& clock,
                   std::shared_ptr<const CheckpointKey> key, CheckpointOptions options);
  void start() { task_.start(); }
  void stop() { task_.stop(); }
  // One checkpoint now (if the heads moved since the last); returns whether one was written.
  Result<bool> write_once();

 private:
  storage::Database& db_;
  const Clock& clock_;
  std::shared_ptr<const CheckpointKey> key_;
  CheckpointOptions options_;
  std::string node_;
  std::string last_heads_;
  PeriodicTask task_;  // last: stopped before the members its job uses are destroyed
};

}  // namespace tinhso::audit
