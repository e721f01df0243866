// Hashes, encodings and secure randomness (OpenSSL).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tinhso::crypto {

// Raw 32-byte SHA-256 digest.
std::string sha256(std::string_view data);
std::string sha256_hex(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);

std::string hex_encode(std::string_view bytes);
// Empty optional-like result: returns false when `hex` is not valid hex.
bool hex_decode(std::string_view hex, std::string& out);
std::string base64_encode(std::string_view bytes);
bool base64_decode(std::string_view b64, std::string& out);
// URL-safe alphabet, no padding.
std::string base64url_encode(std::string_view bytes);
bool base64url_decode(std::string_view b64, std::string& out);

// Cryptographically secure random bytes; aborts if the system RNG fails.
std::string random_bytes(std::size_t n);
// `bytes` random bytes as base64url text (session ids, tokens, CSRF tokens).
std::string random_token(std::size_t bytes = 32);

bool constant_time_equals(std::string_view a, std::string_view b);

// Authenticated encryption (AES-256-GCM) with a 32-byte key: nonce, ciphertext and tag in one
// string. open() gives nullopt for a wrong key or altered text.
std::string seal(std::string_view key, std::string_view plaintext);
std::optional<std::string> open(std::string_view key, std::string_view sealed);

}  // namespace tinhso::crypto
