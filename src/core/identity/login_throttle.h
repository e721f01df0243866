// Slowing down password guessing without letting anyone lock a person out.
//
// A hard lock after a few failures lets anybody lock any account (the administrator's too)
// with a handful of wrong passwords from rotating addresses. Instead, failures earn waits:
// - per account and client address (in memory, per node): after `client_after` failures in a
//   row the same client waits 1 s, 2 s, 4 s … (at most `max_delay`) before trying again, so a
//   guesser is slowed while the owner, elsewhere, is not;
// - per account, from any address (in the database, for every node): after `account_after`
//   failures in a row every attempt waits, again doubling up to `max_delay` — a distributed
//   guesser gets a few attempts a minute, the owner at most a short wait;
// - only a clearly abusive run (`lock_after` failures in a row, from anywhere) locks the
//   account for a while, raises an alert, and can be lifted by an administrator.
// A success resets the counters. Unknown accounts earn client waits alike, so waits do not
// tell which accounts exist.
//
// Thread safety: ClientFailures may be called from any thread (sharded, one mutex per shard);
// the per-account counts live in the database and follow its transactions.
#pragma once

#include <array>
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/base/time.h"

namespace tinhso::identity {

struct LoginDelays {
  int client_after = 3;
  int account_after = 10;
  int lock_after = 100;
  std::chrono::seconds max_delay{60};
};

// 0 before `after` failures, then 1 s, 2 s, 4 s … up to `max`.
std::chrono::seconds delay_for(int64_t failures, int after, std::chrono::seconds max);

// Failures per (account login, client address), kept in memory.
class ClientFailures {
 public:
  explicit ClientFailures(LoginDelays delays) : delays_(delays) {}
  // Seconds this client must still wait before trying `login` (0: may try now).
  int64_t wait_seconds(const std::string& key, Instant now);
  void failed(const std::string& key, Instant now);
  void succeeded(const std::string& key);

 private:
  struct Entry {
    int64_t failures = 0;
    Instant retry_at{};
    Instant last{};
  };
  struct Shard {
    std::mutex mu;
    std::unordered_map<std::string, Entry> entries;
  };
  Shard& shard(const std::string& key);
  LoginDelays delays_;
  std::array<Shard, 16> shards_;
};

}  // namespace tinhso::identity
