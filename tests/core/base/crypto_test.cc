#include "core/base/crypto.h"

#include <gtest/gtest.h>

namespace tinhso::crypto {
namespace {

TEST(Crypto, Sha256KnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, Base64UrlRoundTrip) {
  for (const std::string& s :
       {std::string(""), std::string("a"), std::string("ab"), std::string("\xff\xfe\x00\x01", 4)}) {
    std::string out;
    ASSERT_TRUE(base64url_decode(base64url_encode(s), out));
    EXPECT_EQ(out, s);
  }
  std::string out;
  EXPECT_FALSE(base64url_decode("a+b/", out));
}

TEST(Crypto, Base64DecodesWrappedLinesAndRefusesGarbage) {
  std::string out;
  ASSERT_TRUE(base64_decode("SGVsbG8sIFZp\r\n4buHdCBOYW0=", out));
  EXPECT_EQ(out, "Hello, Việt Nam");
  ASSERT_TRUE(base64_decode(base64_encode("ab"), out));
  EXPECT_EQ(out, "ab");
  EXPECT_FALSE(base64_decode("abc", out));   // not a multiple of four
  EXPECT_FALSE(base64_decode("!!!!", out));  // not base64
}

TEST(Crypto, RandomTokensAreDistinctAndUrlSafe) {
  auto a = random_token(32), b = random_token(32);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_EQ(a.find_first_of("+/="), std::string::npos);
}

TEST(Crypto, ConstantTimeEquals) {
  EXPECT_TRUE(constant_time_equals("abc", "abc"));
  EXPECT_FALSE(constant_time_equals("abc", "abd"));
  EXPECT_FALSE(constant_time_equals("abc", "ab"));
}

TEST(Crypto, SealOpensOnlyWithItsKeyAndUnaltered) {
  std::string key = crypto::sha256("key");
  std::string sealed = crypto::seal(key, "Mã phản ánh PA-2026-000123");
  EXPECT_EQ(sealed.find("PA-2026"), std::string::npos);
  EXPECT_NE(crypto::seal(key, "Mã phản ánh PA-2026-000123"), sealed);  // a fresh nonce each time
  EXPECT_EQ(crypto::open(key, sealed), std::optional<std::string>("Mã phản ánh PA-2026-000123"));
  EXPECT_EQ(crypto::open(crypto::sha256("other"), sealed), std::nullopt);
  std::string altered = sealed;
  altered[14] = static_cast<char>(altered[14] ^ 1);
  EXPECT_EQ(crypto::open(key, altered), std::nullopt);
  EXPECT_EQ(crypto::open(key, sealed.substr(0, 20)), std::nullopt);
  EXPECT_EQ(crypto::open(key, crypto::seal(key, "")), std::optional<std::string>(""));
}

}  // namespace
}  // namespace tinhso::crypto
