#include "core/base/text.h"

#include <gtest/gtest.h>

namespace tinhso::text {
namespace {

TEST(Fold, RemovesVietnameseDiacriticsIncludingD) {
  EXPECT_EQ(fold("Đăng ký kết hôn"), "dang ky ket hon");
  EXPECT_EQ(fold("ĐỒNG BẰNG sông Cửu Long"), "dong bang song cuu long");
  EXPECT_EQ(fold("Thủ tục cấp Giấy phép xây dựng"), "thu tuc cap giay phep xay dung");
  EXPECT_EQ(fold("Ủy ban nhân dân xã Tịnh Bình"), "uy ban nhan dan xa tinh binh");
  EXPECT_EQ(fold("ưươợ ỳỷỹỵ"), "uuoo yyyy");
}

TEST(Fold, TreatsDecomposedInputLikeComposed) {
  // "ế" as e + U+0302 (circumflex) + U+0301 (acute): how some keyboards and PDFs produce it.
  std::string nfd = "Kie\u0302\u0301n";
  EXPECT_EQ(fold(nfd), "kien");
  EXPECT_EQ(fold(nfd), fold("Kiến"));
}

TEST(Fold, CollapsesPunctuationAndSpaces) {
  EXPECT_EQ(fold("  Sở   Tư-pháp, (tỉnh)  "), "so tu phap tinh");
  EXPECT_EQ(fold("1.004227"), "1 004227");
  EXPECT_EQ(fold(""), "");
  EXPECT_EQ(fold("!!!"), "");
}

TEST(Fold, IsIdempotent) {
  for (const char* s : {"Đăng ký khai sinh", "Hòa Bình 2020–2025", "Giấy chứng nhận QSDĐ"}) {
    EXPECT_EQ(fold(fold(s)), fold(s)) << s;
  }
}

TEST(Fold, KeepsNonLatinLettersLowerCased) {
  EXPECT_EQ(fold("ΑΒΓ abc"), "αβγ abc");
}

TEST(Utf8, ValidatesStrictly) {
  EXPECT_TRUE(is_valid_utf8("Tiếng Việt"));
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("abc\xE1\xBB"));       // truncated
  EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));  // beyond U+10FFFF
}

TEST(Nfc, ComposesDecomposedText) {
  std::string nfd = "Vie\u0323\u0302t Nam";  // ệ decomposed
  EXPECT_FALSE(is_nfc(nfd));
  std::string nfc = to_nfc(nfd);
  EXPECT_TRUE(is_nfc(nfc));
  EXPECT_EQ(nfc, "Việt Nam");
  EXPECT_EQ(to_nfc("Việt Nam"), "Việt Nam");
}

TEST(Strings, TrimSplitLength) {
  EXPECT_EQ(trim("  a b \n"), "a b");
  EXPECT_EQ(trim("   "), "");
  auto parts = split("a,,b", ',');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(length_utf8("Đà Nẵng"), 7u);
  // A prefix by characters never splits one (a file name cut at 200 bytes once did).
  EXPECT_EQ(prefix_utf8("Đà Nẵng", 4), "Đà N");
  EXPECT_EQ(prefix_utf8("ệệệ", 2), "ệệ");
  EXPECT_EQ(prefix_utf8("ab", 5), "ab");
  EXPECT_EQ(prefix_utf8("ab", 0), "");
}

}  // namespace
}  // namespace tinhso::text
