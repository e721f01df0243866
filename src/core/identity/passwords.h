// Password hashing (argon2id) and the password policy.
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/config/config.h"

namespace tinhso::identity {

// Thread-safe: the parameters are read-only and each hash uses its own argon2 memory (run it
// off the I/O threads: it takes tens of milliseconds by design).
class PasswordHasher {
 public:
  explicit PasswordHasher(const SecurityConfig& c)
      : memory_kib_(c.argon2_memory_kib),
        iterations_(c.argon2_iterations),
        lanes_(c.argon2_parallelism) {}

  // "$argon2id$v=19$m=…,t=…,p=…$salt$hash" with a fresh random salt.
  std::string hash(std::string_view password) const;
  bool verify(std::string_view encoded, std::string_view password) const;
  // True when `encoded` was made with other parameters than the current ones (rehash on login).
  bool needs_rehash(std::string_view encoded) const;
  // Spends the time of one verification; used when the account does not exist so that
  // response time does not reveal it.
  void burn() const;

 private:
  int memory_kib_;
  int iterations_;
  int lanes_;
};

// Vietnamese message describing why `password` is not acceptable, or empty when it is.
std::string password_problem(std::string_view password, std::string_view login);
// A random temporary password people can type (letters and digits, no look-alikes).
std::string temporary_password();

}  // namespace tinhso::identity
