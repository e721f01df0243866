#include "core/base/json.h"

#include <gtest/gtest.h>

namespace tinhso::json {
namespace {

TEST(JsonParse, AcceptsValueWithTrailingWhitespace) {
  auto v = parse(" {\"a\": 1}\n ");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->at("a").as_int64(), 1);
}

TEST(JsonParse, RejectsGarbageWithPositionAndVietnameseMessage) {
  for (const char* bad : {"", "{", "{\"a\":}", "{} {}", "[1,]", "nul", "\"\xC3\x28\""}) {
    auto v = parse(bad);
    ASSERT_FALSE(v.ok()) << bad;
    EXPECT_EQ(v.error().status(), 400);
    EXPECT_EQ(v.error().code(), "invalid_json");
    EXPECT_EQ(v.error().message(), "Dữ liệu gửi lên không phải JSON hợp lệ.");
    EXPECT_TRUE(v.error().details().as_object().contains("position"));
  }
}

TEST(JsonParse, LimitsNesting) {
  std::string deep(kMaxDepth + 5, '[');
  deep += std::string(kMaxDepth + 5, ']');
  auto v = parse(deep);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().message(), "Dữ liệu JSON lồng nhau quá sâu.");
}

TEST(FieldReader, CollectsEveryProblem) {
  auto v = parse(R"({"name":"  ", "age":"x", "level":"city", "note":"ok", "n": 5})");
  ASSERT_TRUE(v.ok());
  FieldReader r(*v);
  r.required_string("name");
  r.optional_int("age", 0, 150);
  r.optional_enum("level", {"province", "district", "commune"});
  r.required_string("missing");
  EXPECT_EQ(r.optional_string("note").value_or(""), "ok");
  r.optional_int("n", 10, 20);
  auto s = r.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().status(), 422);
  const auto& fields = s.error().details().at("fields").as_object();
  EXPECT_EQ(fields.at("name").as_string(), "Bắt buộc nhập.");
  EXPECT_EQ(fields.at("age").as_string(), "Phải là số nguyên.");
  EXPECT_EQ(fields.at("missing").as_string(), "Bắt buộc nhập.");
  EXPECT_EQ(fields.at("n").as_string(), "Phải trong khoảng từ 10 đến 20.");
  EXPECT_TRUE(fields.contains("level"));
  EXPECT_FALSE(fields.contains("note"));
}

TEST(FieldReader, NormalisesStringsToNfcAndTrims) {
  boost::json::object o{{"name", "  Nguye\u0302\u0303n  "}};
  FieldReader r(o);
  EXPECT_EQ(r.required_string("name"), "Nguyễn");
  EXPECT_TRUE(r.finish().ok());
}

TEST(FieldReader, CountsCharactersNotBytes) {
  boost::json::object o{{"name", "Đường"}};  // 5 characters, 9 bytes
  FieldReader r(o);
  EXPECT_EQ(r.required_string("name", 5), "Đường");
  EXPECT_TRUE(r.finish().ok());
  FieldReader r2(o);
  r2.required_string("name", 4);
  EXPECT_FALSE(r2.finish().ok());
}

TEST(FieldReader, NonObjectIsReported) {
  boost::json::value v = boost::json::array{1, 2};
  FieldReader r(v);
  r.optional_string("x");
  EXPECT_FALSE(r.finish().ok());
}

}  // namespace
}  // namespace tinhso::json
