#include "core/base/compress.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace tinhso::compress {
namespace {

TEST(Deflate, RoundTripsWithItsDictionary) {
  Dictionary dict(R"({"status":"in_progress","status_label":"Đang xử lý"})");
  std::string text = R"({"status":"in_progress","status_label":"Đang xử lý","id":42})";
  std::string z = deflate_with(text, dict);
  ASSERT_FALSE(z.empty());
  EXPECT_LT(z.size(),
            deflate_with(text, Dictionary("")).size());  // the dictionary is what makes it small
  auto back = inflate_with(z, dict);
  ASSERT_TRUE(back.ok()) << back.error().message();
  EXPECT_EQ(*back, text);
  // Packing is deterministic: same input, same bytes.
  EXPECT_EQ(deflate_with(text, dict), z);
}

TEST(Deflate, InflatesOutputManyTimesLargerThanInput) {
  std::string text(1 << 20, 'a');
  text += "tail";
  auto back = inflate_with(deflate_with(text, Dictionary("")), Dictionary(""));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, text);
}

TEST(Deflate, RefusesCorruptTruncatedOversizedOrMismatchedInput) {
  Dictionary dict("abcdefghij");
  std::string text = "abcdefghij abcdefghij 0123456789";
  std::string z = deflate_with(text, dict);
  EXPECT_FALSE(inflate_with(z.substr(0, z.size() / 2), dict).ok());
  EXPECT_FALSE(inflate_with("not deflate at all", dict).ok());
  EXPECT_FALSE(inflate_with(z, Dictionary("another dictionary")).ok());
  EXPECT_FALSE(
      inflate_with(deflate_with(std::string(100000, 'x'), Dictionary("")), Dictionary(""), 1000)
          .ok());
}

TEST(Deflate, DetectsADamagedByteAndTrailingGarbage) {
  Dictionary dict("0123456789 status in_progress");
  std::string text = "status in_progress, 0123456789, and something the dictionary lacks";
  std::string z = deflate_with(text, dict);
  ASSERT_TRUE(inflate_with(z, dict).ok());
  // A flipped bit changes the output or breaks the stream, and is refused, unless it falls in
  // the unused padding bits of the last data byte, where the output is still the text.
  int refused = 0;
  for (std::size_t i = 0; i < z.size(); ++i) {
    std::string damaged = z;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x10);
    auto r = inflate_with(damaged, dict);
    if (r.ok()) {
      EXPECT_EQ(*r, text) << "byte " << i;
    } else {
      ++refused;
    }
  }
  EXPECT_GE(refused, static_cast<int>(z.size()) - 1);
  EXPECT_FALSE(inflate_with(z + "x", dict).ok());
}

TEST(Deflate, ReadsStandardZlibStreamsAndKeepsWorkingAfterErrors) {
  Dictionary none("");
  std::string text(3000, 'q');
  uLongf size = compressBound(text.size());
  std::string z(size, '\0');
  ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(z.data()), &size,
                      reinterpret_cast<const Bytef*>(text.data()), text.size(), 9),
            Z_OK);
  z.resize(size);
  // The per-thread inflate state is reset between records, also after a failed one.
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(inflate_with(z.substr(0, z.size() - 3), none).ok());
    auto back = inflate_with(z, none);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, text);
  }
}

TEST(Gzip, ProducesAGzipMember) {
  std::string text(5000, 'z');
  std::string g = gzip(text);
  ASSERT_GE(g.size(), 18u);
  EXPECT_EQ(static_cast<unsigned char>(g[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(g[1]), 0x8b);
  // zlib with gzip window bits reads it back.
  z_stream zs{};
  ASSERT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
  std::string out(text.size() + 16, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(g.data());
  zs.avail_in = static_cast<uInt>(g.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  EXPECT_EQ(out, text);
}

}  // namespace
}  // namespace tinhso::compress
