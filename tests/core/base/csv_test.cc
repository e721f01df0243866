#include "core/base/csv.h"

#include <gtest/gtest.h>

namespace tinhso::csv {
namespace {

TEST(Csv, ParsesQuotesCommasNewlinesAndBom) {
  auto rows = parse(
      "\xEF\xBB\xBF"
      "code,name\r\n000.00.12.H47,\"Sở Tư pháp, tỉnh\"\n1,\"a \"\"quoted\"\"\nline\"\n");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0][0], "code");
  EXPECT_EQ((*rows)[1][1], "Sở Tư pháp, tỉnh");
  EXPECT_EQ((*rows)[2][1], "a \"quoted\"\nline");
}

TEST(Csv, ReportsUnterminatedQuoteWithLine) {
  auto rows = parse("a,b\n1,\"oops\n2,3\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.error().message().find("dòng 2"), std::string::npos);
}

TEST(Csv, WriterRoundTripsAndNeutralisesFormulas) {
  Writer w(false);
  w.row({"a,b", "x\"y", "=SUM(A1)", "-5", "-x", "plain"});
  auto rows = parse(w.str());
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0][0], "a,b");
  EXPECT_EQ((*rows)[0][1], "x\"y");
  EXPECT_EQ((*rows)[0][2], "'=SUM(A1)");
  EXPECT_EQ((*rows)[0][3], "-5");
  EXPECT_EQ((*rows)[0][4], "'-x");
  EXPECT_EQ((*rows)[0][5], "plain");
}

}  // namespace
}  // namespace tinhso::csv
