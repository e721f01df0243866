#include "core/identity/agency_code.h"

#include <gtest/gtest.h>

namespace tinhso::identity {
namespace {

TEST(AgencyCode, ParsesLevels) {
  auto p = parse_agency_code("000.00.00.H47");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->depth, 1);
  EXPECT_EQ(parse_agency_code("000.00.12.H47")->depth, 2);
  EXPECT_EQ(parse_agency_code("000.05.31.H47")->depth, 3);
  EXPECT_EQ(parse_agency_code("001.05.31.H47")->depth, 4);
  EXPECT_EQ(parse_agency_code("000.00.01.G01")->l1, "G01");
}

TEST(AgencyCode, RejectsMalformedCodes) {
  for (const char* bad : {"", "000.00.00.h47", "000.00.00.H4", "00.00.00.H47", "000.0A.00.H47",
                          "000-00-00-H47", "000.05.00.H47" /* level 3 without level 2 */,
                          "001.00.12.H47" /* level 4 without 3 */, "000.00.00.H47 "}) {
    EXPECT_FALSE(parse_agency_code(bad)) << bad;
  }
}

TEST(AgencyCode, ChildCodesExtendTheParentByOneLevel) {
  auto province = *parse_agency_code("000.00.00.H47");
  auto district = *parse_agency_code("000.00.31.H47");
  EXPECT_EQ(child_code_problem(province, district), "");
  EXPECT_EQ(child_code_problem(district, *parse_agency_code("000.05.31.H47")), "");
  EXPECT_NE(child_code_problem(district, *parse_agency_code("000.05.32.H47")), "")
      << "commune of another district";
  EXPECT_NE(child_code_problem(province, *parse_agency_code("000.05.31.H47")), "")
      << "skips a level";
  EXPECT_NE(child_code_problem(province, *parse_agency_code("000.00.31.H48")), "")
      << "other province";
}

TEST(AgencyCode, SubUnitsFollowARecodedAncestor) {
  auto code = [](std::string_view s) { return *parse_agency_code(s); };
  auto rebased = [&](std::string_view unit, std::string_view from, std::string_view to) {
    auto r = rebase_code(code(unit), code(from), code(to));
    return r ? r->str() : std::string("none");
  };
  // Same depth: the ancestor's levels change, the unit's own stay.
  EXPECT_EQ(rebased("000.51.31.H47", "000.00.31.H47", "000.00.41.H47"), "000.51.41.H47");
  EXPECT_EQ(rebased("002.51.31.H47", "000.00.31.H47", "000.00.41.H47"), "002.51.41.H47");
  // A commune moved up under the province: its division moves up a level with it.
  EXPECT_EQ(rebased("001.05.31.H47", "000.05.31.H47", "000.00.60.H47"), "000.01.60.H47");
  // Moved down: the division's level-3 number becomes a level-4 one.
  EXPECT_EQ(rebased("000.07.60.H47", "000.00.60.H47", "000.05.31.H47"), "007.05.31.H47");
  // More than four levels, or a number too wide for its level: no code.
  EXPECT_EQ(rebased("001.05.31.H47", "000.00.31.H47", "000.02.31.H47"), "none");
  EXPECT_EQ(rebased("120.05.31.H47", "000.05.31.H47", "000.00.60.H47"), "none");
  EXPECT_EQ(rebased("000.00.31.H47", "000.00.31.H47", "000.00.41.H47"), "none");  // not below
}

}  // namespace
}  // namespace tinhso::identity
