#include "core/identity/passwords.h"

#include <argon2.h>
#include <fmt/format.h>

#include <algorithm>
#include <semaphore>
#include <set>
#include <thread>
#include <unordered_set>

#include "core/base/crypto.h"
#include "core/base/resources.h"
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

namespace {

// The common-password list, loaded once from the embedded resource.
const std::unordered_set<std::string>& common_passwords() {
  static const std::unordered_set<std::string> words = [] {
    std::unordered_set<std::string> out;
    std::string_view text = resources::get("resources/identity/common-passwords.txt").value_or("");
    while (!text.empty()) {
      auto nl = text.find('\n');
      std::string_view line = text::trim(text.substr(0, nl));
      text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
      if (!line.empty() && line.front() != '#') out.emplace(line);
    }
    return out;
  }();
  return words;
}

// Undoes the usual letter-for-symbol swaps (p@ssw0rd → password).
std::string unleet(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '@':
      case '4':
        out += 'a';
        break;
      case '3':
        out += 'e';
        break;
      case '1':
      case '!':
        out += 'i';
        break;
      case '0':
        out += 'o';
        break;
      case '$':
      case '5':
        out += 's';
        break;
      case '7':
        out += 't';
        break;
      default:
        out += c;
    }
  }
  return out;
}

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
}

// A run along the alphabet, the digits or a keyboard row, forwards or backwards.
bool is_straight_run(std::string_view s) {
  static constexpr std::string_view kRows[] = {
      "abcdefghijklmnopqrstuvwxyz",          "01234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm",
      "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p"};
  std::string reversed(s.rbegin(), s.rend());
  for (auto row : kRows)
    if (row.find(s) != std::string_view::npos || row.find(reversed) != std::string_view::npos)
      return true;
  return false;
}

}  // namespace

std::string password_problem(std::string_view password, std::string_view login) {
  std::size_t n = text::length_utf8(password);
  if (n < 8) return "Mật khẩu phải có ít nhất 8 ký tự.";
  if (n > 128) return "Mật khẩu dài tối đa 128 ký tự.";
  bool all_digits =
      std::all_of(password.begin(), password.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (all_digits) return "Mật khẩu không được chỉ gồm chữ số.";
  std::string lower = text::to_lower_ascii(password);
  std::string l = text::to_lower_ascii(login);
  if (!l.empty() && (lower == l || (l.size() >= 4 && lower.find(l) != std::string::npos)))
    return "Mật khẩu không được chứa tên đăng nhập.";
  // Mostly a run of digits with a letter or two to pass the rules ("87654321a").
  std::string rest;
  for (char c : lower)
    if (!is_letter(c)) rest += c;
  bool padded_run = lower.size() - rest.size() < 3 &&
                    (is_straight_run(rest) || std::set<char>(rest.begin(), rest.end()).size() < 3);
  if (std::set<char>(lower.begin(), lower.end()).size() < 4 || is_straight_run(lower) || padded_run)
    return "Mật khẩu quá đơn giản (lặp lại hoặc theo thứ tự trên bàn phím), hãy chọn mật khẩu "
           "khác.";
  // The word at its heart, without the digits and symbols people add around it.
  std::string plain = unleet(lower);
  std::size_t first = 0, last = plain.size();
  while (first < last && !is_letter(lower[first])) ++first;
  while (last > first && !is_letter(lower[last - 1])) --last;
  std::string stem = plain.substr(first, last - first);
  const auto& common = common_passwords();
  if (common.count(lower) || common.count(plain) || common.count(stem))
    return "Mật khẩu quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác.";
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
