// The indicators' judgement: a share meets its target when it reaches it exactly (9 of 10
// meets 90 % whatever the binary rounding), a share without a denominator is none and is not
// judged, nor is one without a target; targets are read with every problem at once.
#include "reporting/indicators.h"

#include <gtest/gtest.h>

#include <cmath>

namespace tinhso::reporting {
namespace {

using boost::json::object;

const boost::json::object& item(const object& dashboard, std::string_view code) {
  for (const auto& i : dashboard.at("items").as_array())
    if (i.at("code").as_string() == code) return i.as_object();
  throw std::out_of_range(std::string(code));
}

TEST(IndicatorsTest, AShareIsJudgedOnlyAgainstATargetAndOnlyWithADenominator) {
  Measured m{{"onestop.online", {9, 10}},
             {"onestop.satisfaction", {8, 10}},
             {"documents.signed", {0, 0}},
             {"onestop.on_time", {7, 7}}};
  Targets t{{"onestop.online", {"onestop.online", 90, "Kế hoạch", 0}},
            {"onestop.satisfaction", {"onestop.satisfaction", 90, "Kế hoạch", 0}},
            {"documents.signed", {"documents.signed", 50, "Kế hoạch", 0}}};
  auto d = indicators_json(m, t);
  EXPECT_EQ(d.at("items").as_array().size(), indicator_defs().size());
  EXPECT_EQ(item(d, "onestop.online").at("met"), true);  // 9/10 = 90 %
  EXPECT_EQ(item(d, "onestop.satisfaction").at("met"), false);
  EXPECT_TRUE(item(d, "documents.signed").at("value").is_null());
  EXPECT_TRUE(item(d, "documents.signed").at("met").is_null());
  EXPECT_EQ(item(d, "onestop.on_time").at("value").as_double(), 1.0);
  EXPECT_TRUE(item(d, "onestop.on_time").at("met").is_null());  // no target
  // Not measured at all (e.g. no report due): 0 of 0, not judged.
  EXPECT_EQ(item(d, "reporting.sent").at("denominator").as_int64(), 0);
  EXPECT_EQ(d.at("judged").as_int64(), 2);
  EXPECT_EQ(d.at("met").as_int64(), 1);
}

TEST(IndicatorsTest, TargetsNameTheirPlanAndStayWithinAHundredPercent) {
  auto ok = read_target("documents.electronic",
                        boost::json::parse(R"({"percent": 90, "source": "Kế hoạch 2026"})"));
  ASSERT_TRUE(ok.ok()) << ok.error().describe();
  EXPECT_EQ(ok->percent, 90);
  auto bad = read_target("documents.electronic", boost::json::parse(R"({"percent": 101})"));
  ASSERT_FALSE(bad.ok());
  auto body = bad.error().to_json();
  const auto& fields = body.at("error").at("details").at("fields").as_object();
  EXPECT_TRUE(fields.contains("percent"));
  EXPECT_TRUE(fields.contains("source"));
  EXPECT_FALSE(read_target("khong-co", boost::json::parse(R"({"percent": 1})")).ok());
  // Kept in hundredths of a percent, as shares are judged; never "-0".
  auto fine = read_target("documents.electronic",
                          boost::json::parse(R"({"percent": 88.625, "source": "KH"})"));
  ASSERT_TRUE(fine.ok());
  EXPECT_EQ(fine->percent, 88.63);
  auto zero = read_target("documents.electronic",
                          boost::json::parse(R"({"percent": -0.0, "source": "KH"})"));
  ASSERT_TRUE(zero.ok());
  EXPECT_FALSE(std::signbit(zero->percent));
  // Invisible characters are no source.
  EXPECT_FALSE(read_target("documents.electronic",
                           boost::json::parse(R"({"percent": 50, "source": "\u200b\ufeff "})"))
                   .ok());
}

}  // namespace
}  // namespace tinhso::reporting
