#include "core/base/text.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <cstdint>
#include <memory>

namespace tinhso::text {
namespace {

// Decodes one code point at s[i], advancing i; returns -1 on malformed input.
int32_t decode(std::string_view s, std::size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    ++i;
    return b;
  }
  int len;
  int32_t cp;
  if ((b & 0xE0) == 0xC0) {
    len = 2;
    cp = b & 0x1F;
  } else if ((b & 0xF0) == 0xE0) {
    len = 3;
    cp = b & 0x0F;
  } else if ((b & 0xF8) == 0xF0) {
    len = 4;
    cp = b & 0x07;
  } else {
    return -1;
  }
  if (i + len > s.size()) return -1;
  for (int k = 1; k < len; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (c & 0x3F);
  }
  // Reject overlong forms, surrogates and out-of-range values.
  static constexpr int32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  i += len;
  return cp;
}

void encode(int32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

const icu::Normalizer2& nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || n == nullptr) std::abort();  // ICU data missing: unusable install
  return *n;
}

// Fold table for the Latin blocks Vietnamese uses (U+0000–U+024F, U+1E00–U+1EFF): the
// lower-case base letter with diacritics removed, 0 for "separator", or the code point
// itself lower-cased when it has no Latin base. Built once from ICU's decompositions.
struct FoldTable {
  std::array<int32_t, 0x250> latin{};
  std::array<int32_t, 0x100> extended{};  // U+1E00..U+1EFF

  FoldTable() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) std::abort();
    auto fold_one = [&](int32_t cp) -> int32_t {
      if (cp == 0x0110 || cp == 0x0111) return 'd';  // Đ đ have no decomposition
      if (u_isalnum(cp) == 0) return 0;
      icu::UnicodeString decomposed;
      if (nfd->getDecomposition(cp, decomposed) && decomposed.length() > 0) {
        cp = decomposed.char32At(0);
      }
      return u_tolower(cp);
    };
    for (int32_t cp = 0; cp < 0x250; ++cp) latin[cp] = fold_one(cp);
    for (int32_t cp = 0; cp < 0x100; ++cp) extended[cp] = fold_one(0x1E00 + cp);
  }
};

const FoldTable& fold_table() {
  static const FoldTable table;
  return table;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (decode(s, i) < 0) return false;
  }
  return true;
}

std::string to_nfc(std::string_view s) {
  const auto& n = nfc();
  UErrorCode status = U_ZERO_ERROR;
  // Fast path: most input is already NFC (and ASCII is always NFC).
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  if (n.isNormalized(u, status) && U_SUCCESS(status)) return std::string(s);
  status = U_ZERO_ERROR;
  icu::UnicodeString normalized = n.normalize(u, status);
  if (U_FAILURE(status)) return std::string(s);
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

bool is_nfc(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  return nfc().isNormalized(u, status) && U_SUCCESS(status);
}

std::string fold(std::string_view s) {
  const FoldTable& table = fold_table();
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  std::size_t i = 0;
  while (i < s.size()) {
    int32_t cp = decode(s, i);
    if (cp < 0) {  // malformed byte: treat as a separator
      ++i;
      pending_space = true;
      continue;
    }
    if (cp >= 0x0300 && cp <= 0x036F) continue;  // combining marks of NFD input
    int32_t folded;
    if (cp < 0x250) {
      folded = table.latin[cp];
    } else if (cp >= 0x1E00 && cp <= 0x1EFF) {
      folded = table.extended[cp - 0x1E00];
    } else {
      folded = u_isalnum(cp) != 0 ? u_tolower(cp) : 0;
    }
    if (folded == 0) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    encode(folded, out);
  }
  return out;
}

std::string lower(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  u.toLower(icu::Locale("vi"));
  std::string out;
  u.toUTF8String(out);
  return to_nfc(out);
}

std::string upper(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  u.toUpper(icu::Locale("vi"));
  std::string out;
  u.toUTF8String(out);
  return to_nfc(out);
}

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::vector<std::string> fold_tokens(std::string_view s, std::size_t max) {
  std::vector<std::string> out;
  std::string f = fold(s);
  for (auto t : split(f, ' ')) {
    if (t.empty()) continue;
    out.emplace_back(t);
    if (out.size() == max) break;
  }
  return out;
}

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  auto b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(kSpace);
  return s.substr(b, e - b + 1);
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    auto pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string digits_of(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

namespace {

// Calls `fn(code_point, bytes)` for each code point of valid UTF-8.
template <class F>
void each_code_point(std::string_view s, F&& fn) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    n = std::min(n, s.size() - i);
    char32_t cp = n == 1 ? b : b & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    fn(cp, s.substr(i, n));
    i += n;
  }
}

bool forbidden(char32_t c) {
  if (c < 0x20) return c != '\t' && c != '\n' && c != '\r';
  if (c >= 0x7F && c <= 0x9F) return true;                     // DEL and C1 controls
  if (c >= 0x202A && c <= 0x202E) return true;                 // bidi embeddings and overrides
  if (c >= 0x2066 && c <= 0x2069) return true;                 // bidi isolates
  if (c == 0x200E || c == 0x200F || c == 0x061C) return true;  // direction marks
  if ((c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF)) return true;  // non-characters
  return false;
}

}  // namespace

int compare_vi(std::string_view a, std::string_view b) {
  // One collator per thread: ICU collators are not thread-safe to share for comparisons
  // with state, and creating one costs more than many comparisons.
  thread_local std::unique_ptr<icu::Collator> collator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("vi"), status));
    if (U_FAILURE(status)) c.reset();
    return c;
  }();
  if (!collator) return a.compare(b);
  UErrorCode status = U_ZERO_ERROR;
  auto r =
      collator->compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                            icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
  if (U_FAILURE(status)) return a.compare(b);
  return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

std::string group_thousands(int64_t amount) {
  std::string digits = std::to_string(amount < 0 ? -amount : amount);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return amount < 0 ? "-" + out : out;
}

bool has_forbidden_characters(std::string_view s) {
  bool found = false;
  each_code_point(s, [&](char32_t c, std::string_view) { found = found || forbidden(c); });
  return found;
}

std::string strip_forbidden_characters(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  each_code_point(s, [&](char32_t c, std::string_view bytes) {
    if (!forbidden(c)) out += bytes;
  });
  return out;
}

std::size_t length_utf8(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string_view prefix_utf8(std::string_view s, std::size_t max_chars) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (n++ == max_chars) return s.substr(0, i);
  }
  return s;
}

}  // namespace tinhso::text
