// The audit log's keys, kept outside the database (audit.keys_dir), so that whoever can write
// the database still cannot rewrite the log unnoticed:
// - audit-hmac.key: the secret every chain link is keyed with (HMAC-SHA-256);
// - audit-checkpoint.key / .pub: an Ed25519 key that signs periodic checkpoints of the chain
//   heads, exported off the database (checkpoints.h).
// The database remembers only the HMAC key's id, to refuse a node started with another key.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/storage/sql.h"

namespace tinhso::audit {

struct AuditKey {
  std::string secret;  // 32 random bytes
  std::string id;      // first 16 hex digits of SHA-256(secret)
  // Per chain, the last entry written before the key existed (unkeyed, hash_version 1); kept
  // with the key so that a database writer cannot pass keyed entries off as older unkeyed ones.
  std::vector<int64_t> legacy_until;
  static AuditKey from_secret(std::string secret);
  static AuditKey generate();
};

// An Ed25519 key pair for checkpoints (or only the public half, for verifying).
class CheckpointKey {
 public:
  static Result<CheckpointKey> generate();
  static Result<CheckpointKey> from_private_pem(std::string_view pem);
  static Result<CheckpointKey> from_public_pem(std::string_view pem);
  CheckpointKey(CheckpointKey&&) noexcept;
  CheckpointKey& operator=(CheckpointKey&&) noexcept;
  ~CheckpointKey();

  Result<std::string> sign(std::string_view text) const;  // raw 64-byte signature
  bool verify(std::string_view text, std::string_view signature) const;
  std::string private_pem() const;
  std::string public_pem() const;
  std::string id() const;  // first 16 hex digits of SHA-256 of the public key

 private:
  struct State;
  explicit CheckpointKey(std::unique_ptr<State> s);
  std::unique_ptr<State> s_;
};

struct AuditKeys {
  AuditKey hmac;
  std::shared_ptr<const CheckpointKey> checkpoint;
  bool on_disk = false;  // read from files; false: generated now, not yet saved
};

inline constexpr const char* kHmacKeyFile = "audit-hmac.key";
inline constexpr const char* kCheckpointKeyFile = "audit-checkpoint.key";
inline constexpr const char* kCheckpointPublicFile = "audit-checkpoint.pub";

// Reads the keys from `dir`; when there are none, makes new ones in memory.
Result<AuditKeys> load_keys(const std::string& dir);

// Ties the keys to the database: on first use saves them to `dir` (mode 0600) and records the
// key id; later, refuses keys other than the recorded one, or a missing key file (another
// node's database: copy the key files from the first node).
Status bind_keys(storage::Database& db, AuditKeys& keys, const std::string& dir);

}  // namespace tinhso::audit
