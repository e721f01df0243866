#include "core/identity/passwords.h"

#include <argon2.h>
#include <fmt/format.h>

#include <algorithm>
#include <semaphore>
#include <thread>

#include "core/base/crypto.h"
#include "core/base/text.h"

namespace tinhso::identity {
namespace {

// Each hash takes argon2_memory_kib (19 MiB by default) and a core for tens of milliseconds:
// running more at once than there are cores gains nothing and, in a burst of logins on many
// worker threads, would take hundreds of megabytes. Callers beyond the limit wait their turn.
class HashSlot {
 public:
  HashSlot() { slots().acquire(); }
  ~HashSlot() { slots().release(); }
  HashSlot(const HashSlot&) = delete;
  HashSlot& operator=(const HashSlot&) = delete;

 private:
  static std::counting_semaphore<1024>& slots() {
    static std::counting_semaphore<1024> s(
        std::clamp(static_cast<std::ptrdiff_t>(std::thread::hardware_concurrency()),
                   std::ptrdiff_t{2}, std::ptrdiff_t{1024}));
    return s;
  }
};

}  // namespace

std::string PasswordHasher::hash(std::string_view password) const {
  std::string salt = crypto::random_bytes(16);
  std::size_t len = argon2_encodedlen(
      static_cast<uint32_t>(iterations_), static_cast<uint32_t>(memory_kib_),
      static_cast<uint32_t>(lanes_), static_cast<uint32_t>(salt.size()), 32, Argon2_id);
  std::string encoded(len, '\0');
  HashSlot slot;
  int rc =
      argon2id_hash_encoded(static_cast<uint32_t>(iterations_), static_cast<uint32_t>(memory_kib_),
                            static_cast<uint32_t>(lanes_), password.data(), password.size(),
                            salt.data(), salt.size(), 32, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) std::abort();  // only fails on invalid parameters or out of memory
  encoded.resize(std::strlen(encoded.c_str()));
  return encoded;
}

bool PasswordHasher::verify(std::string_view encoded, std::string_view password) const {
  std::string e(encoded);
  HashSlot slot;
  return argon2id_verify(e.c_str(), password.data(), password.size()) == ARGON2_OK;
}

bool PasswordHasher::needs_rehash(std::string_view encoded) const {
  std::string want =
      fmt::format("$argon2id$v=19$m={},t={},p={}$", memory_kib_, iterations_, lanes_);
  return !encoded.starts_with(want);
}

void PasswordHasher::burn() const {
  static const std::string dummy = hash("tinhso-dummy-password");
  (void)verify(dummy, "not-the-password");
}

std::string password_problem(std::string_view password, std::string_view login) {
  std::size_t n = text::length_utf8(password);
  if (n < 8) return "Mật khẩu phải có ít nhất 8 ký tự.";
  if (n > 128) return "Mật khẩu dài tối đa 128 ký tự.";
  bool all_digits =
      std::all_of(password.begin(), password.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (all_digits) return "Mật khẩu không được chỉ gồm chữ số.";
  if (!login.empty() && text::to_lower_ascii(password) == text::to_lower_ascii(login)) {
    return "Mật khẩu không được trùng với tên đăng nhập.";
  }
  static constexpr std::string_view kCommon[] = {"12345678",   "password", "matkhau123",
                                                 "123456789a", "abc12345", "qwerty123",
                                                 "password1",  "11111111a"};
  std::string lower = text::to_lower_ascii(password);
  for (auto c : kCommon) {
    if (lower == c) return "Mật khẩu quá phổ biến, hãy chọn mật khẩu khác.";
  }
  return {};
}

std::string temporary_password() {
  static constexpr std::string_view kAlphabet =
      "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string bytes = crypto::random_bytes(12);
  std::string out;
  for (unsigned char b : bytes) out += kAlphabet[b % kAlphabet.size()];
  // Guarantee a digit so the policy always accepts it.
  out[5] = "23456789"[static_cast<unsigned char>(bytes[0]) % 8];
  return out;
}

}  // namespace tinhso::identity
