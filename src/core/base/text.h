// Text utilities for Vietnamese: UTF-8 validation, NFC normalisation and accent folding.
//
// Person-entered text is stored in NFC. Search uses fold(): lower case, Vietnamese
// diacritics removed (đ → d included), punctuation collapsed to single spaces, so that
// "Đăng ký kết hôn" and "dang ky ket hon" fold to the same string on every database.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tinhso::text {

bool is_valid_utf8(std::string_view s);
// NFC form of valid UTF-8 `s`.
std::string to_nfc(std::string_view s);
bool is_nfc(std::string_view s);

// Search key: see the file comment. Idempotent: fold(fold(s)) == fold(s).
std::string fold(std::string_view s);

// Lower case with diacritics kept (Vietnamese rules), for exact-accent comparisons.
std::string lower(std::string_view s);
// Vietnamese upper case ("Sở Tư pháp" → "SỞ TƯ PHÁP"), NFC.
std::string upper(std::string_view s);
// RFC 3986 percent-encoding of everything but unreserved characters (for filename*=UTF-8'').
std::string percent_encode(std::string_view s);
// The search tokens of `s`: its folded words, at most `max` of them.
std::vector<std::string> fold_tokens(std::string_view s, std::size_t max = 8);

std::string_view trim(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
std::string to_lower_ascii(std::string_view s);
// The ASCII digits of `s`, in order ("0912 345 678" → "0912345678").
std::string digits_of(std::string_view s);
// Vietnamese alphabetical order (ICU collation for "vi": a < ă < â < b … đ after d, tones
// after the letter): negative, zero or positive like strcmp.
int compare_vi(std::string_view a, std::string_view b);

// An amount of money as Vietnamese write it, thousands grouped with dots: 200000 → "200.000".
std::string group_thousands(int64_t amount);

// Number of Unicode code points in valid UTF-8.
std::size_t length_utf8(std::string_view s);
// The longest prefix of valid UTF-8 `s` with at most `max_chars` code points (never a part of
// one).
std::string_view prefix_utf8(std::string_view s, std::size_t max_chars);

// Whether valid UTF-8 `s` holds a character people never mean to type and that breaks
// what we make from text: control characters other than tab, line feed and carriage return
// (NUL among them; XML 1.0, PDFs and spreadsheets refuse them), C1 controls, the bidirectional
// overrides and isolates that make "gpj.exe" display as "exe.jpg", and non-characters.
bool has_forbidden_characters(std::string_view s);
// `s` without them (for file names, where refusing would lose an upload).
std::string strip_forbidden_characters(std::string_view s);

}  // namespace tinhso::text
