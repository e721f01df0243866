#include "core/identity/passwords.h"

#include <gtest/gtest.h>

#include "core/identity/accounts.h"

namespace tinhso::identity {
namespace {

SecurityConfig fast() {
  SecurityConfig c;
  c.argon2_memory_kib = 256;
  c.argon2_iterations = 1;
  return c;
}

TEST(Passwords, HashesAreSaltedArgon2idAndVerify) {
  PasswordHasher h(fast());
  std::string a = h.hash("Mật khẩu 2026!");
  std::string b = h.hash("Mật khẩu 2026!");
  EXPECT_TRUE(a.starts_with("$argon2id$v=19$m=256,t=1,p=1$"));
  EXPECT_NE(a, b);
  EXPECT_TRUE(h.verify(a, "Mật khẩu 2026!"));
  EXPECT_FALSE(h.verify(a, "Mật khẩu 2027!"));
  EXPECT_FALSE(h.verify("not a hash", "x"));
}

TEST(Passwords, RehashWhenParametersChange) {
  PasswordHasher weak(fast());
  SecurityConfig stronger = fast();
  stronger.argon2_memory_kib = 512;
  PasswordHasher strong(stronger);
  std::string old = weak.hash("secret-123");
  EXPECT_FALSE(weak.needs_rehash(old));
  EXPECT_TRUE(strong.needs_rehash(old));
  EXPECT_TRUE(strong.verify(old, "secret-123")) << "old hashes still verify";
}

TEST(Passwords, Policy) {
  EXPECT_NE(password_problem("short1", "u"), "");
  EXPECT_NE(password_problem("12345678901", "u"), "");
  EXPECT_NE(password_problem("nguyenvan", "NguyenVan"), "");
  EXPECT_NE(password_problem("Password1", "u"), "");
  EXPECT_EQ(password_problem("Tinhso@2026", "admin"), "");
  // Weak ones the old rules let through: one character, a keyboard run, a common word
  // dressed up with symbols and digits, the login inside.
  EXPECT_NE(password_problem("aaaaaaaa", "u"), "");
  EXPECT_NE(password_problem("abababab", "u"), "");
  EXPECT_NE(password_problem("qwertyuiop", "u"), "");
  EXPECT_NE(password_problem("abcdefgh", "u"), "");
  EXPECT_NE(password_problem("87654321a", "u"), "");
  EXPECT_NE(password_problem("P@ssw0rd!", "u"), "");
  EXPECT_NE(password_problem("Matkhau@123", "u"), "");
  EXPECT_NE(password_problem("anhyeuem2026", "u"), "");
  EXPECT_NE(password_problem("123VietNam!", "u"), "");
  EXPECT_NE(password_problem("lanhdao.stp2026", "lanhdao.stp"), "");
  EXPECT_EQ(password_problem("Quan-tri-2026!", "admin"), "");
  EXPECT_EQ(password_problem("con ngựa đá con ngựa đá", "u"), "");
  EXPECT_EQ(password_problem("mùa thu Hà Nội", "admin"), "") << "Vietnamese passphrases are fine";
  for (int i = 0; i < 50; ++i) EXPECT_EQ(password_problem(temporary_password(), "x"), "");
}

TEST(Accounts, PhoneNumbersNormalise) {
  EXPECT_EQ(normalize_phone("0912 345 678"), "0912345678");
  EXPECT_EQ(normalize_phone("+84 912-345-678"), "0912345678");
  EXPECT_EQ(normalize_phone("84912345678"), "0912345678");
  EXPECT_EQ(normalize_phone("(0235) 3812 345"), "02353812345")
      << "landline with area code is 11 digits";
  EXPECT_FALSE(normalize_phone("012345"));
  EXPECT_FALSE(normalize_phone("0112345678"));
  EXPECT_FALSE(normalize_phone("09123abc78"));
  EXPECT_TRUE(plausible_email("a.b@so.gov.vn"));
  EXPECT_FALSE(plausible_email("a@b"));
  EXPECT_FALSE(plausible_email("a b@c.vn"));
}

}  // namespace
}  // namespace tinhso::identity
