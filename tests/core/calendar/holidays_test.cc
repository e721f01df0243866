#include "core/calendar/holidays.h"

#include <gtest/gtest.h>

#include <set>

#include "core/base/resources.h"
#include "core/calendar/lunar.h"

namespace tinhso::calendar {
namespace {

using namespace std::chrono;

std::set<std::string> off_days(const YearDays& y) {
  std::set<std::string> s;
  for (const auto& x : y.days) {
    if (x.kind == DayKind::kOff) s.insert(format_iso_date(x.date));
  }
  return s;
}

TEST(Statutory, Year2027WithCompensatoryDaysForTetOnTheWeekend) {
  auto y = statutory_days(2027, WeeklyDays{});
  EXPECT_FALSE(y.official);
  auto off = off_days(y);
  // Tết Đinh Mùi: mùng 1 is Saturday 6 February 2027.
  for (const char* day : {"2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08",
                          "2027-02-09", "2027-02-10", "2027-02-11", "2027-04-16", "2027-04-30",
                          "2027-05-01", "2027-05-03", "2027-09-02", "2027-09-03"}) {
    EXPECT_TRUE(off.contains(day)) << day;
  }
  EXPECT_EQ(off.size(), 14u);
}

TEST(Statutory, NationalDayAdjacentDayFollowsTheWeekday) {
  // 2/9 on Friday (2022): Thursday 1/9 with it; on Monday (2024): Tuesday 3/9; on Saturday
  // (2023): Friday 1/9, and a compensatory Monday for the Saturday.
  EXPECT_TRUE(off_days(statutory_days(2022, WeeklyDays{})).contains("2022-09-01"));
  EXPECT_TRUE(off_days(statutory_days(2024, WeeklyDays{})).contains("2024-09-03"));
  auto y2023 = off_days(statutory_days(2023, WeeklyDays{}));
  EXPECT_TRUE(y2023.contains("2023-09-01"));
  EXPECT_TRUE(y2023.contains("2023-09-04")) << "2/9/2023 was a Saturday: compensatory Monday";
}

TEST(Statutory, MatchesTheGovernmentsChoicesIn2024WhereTheyFollowTheLaw) {
  auto off = off_days(statutory_days(2024, WeeklyDays{}));
  // Tết 2024 (mùng 1 on Saturday 10/2): the law gives 9/2 and 10–13/2 plus two compensatory days.
  for (const char* day :
       {"2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14", "2024-04-18", "2024-09-02"}) {
    EXPECT_TRUE(off.contains(day)) << day;
  }
}

TEST(Decisions, ShippedDecisionsAgreeWithTheLunarCalendar) {
  auto text = resources::get("resources/calendar/vn-official-decisions.json");
  ASSERT_TRUE(text.has_value());
  auto years = parse_decisions(*text);
  ASSERT_TRUE(years.ok()) << years.error().describe();
  ASSERT_GE(years->size(), 4u);
  for (const auto& y : *years) {
    auto off = off_days(y);
    Date tet = *to_solar(LunarDate{1, 1, y.year, false});
    Date gio_to = *to_solar(LunarDate{10, 3, y.year, false});
    EXPECT_TRUE(off.contains(format_iso_date(tet))) << y.year << " lunar new year";
    EXPECT_TRUE(off.contains(format_iso_date(add_days(tet, -1))))
        << y.year << " last day of the lunar year";
    EXPECT_TRUE(off.contains(format_iso_date(gio_to))) << y.year << " Giỗ Tổ";
    for (const char* md : {"-01-01", "-04-30", "-05-01", "-09-02"}) {
      EXPECT_TRUE(off.contains(std::to_string(y.year) + md)) << y.year << md;
    }
    for (const auto& x : y.days) {
      if (x.kind == DayKind::kWork) {
        EXPECT_EQ(iso_weekday(x.date), 6) << "make-up days are Saturdays";
      }
    }
  }
}

TEST(Decisions, ParserRejectsBadInput) {
  auto wrong_year = parse_decisions(
      R"({"years":[{"year":2026,"source":"x","days_off":[{"date":"2025-01-01","name":"a"}]}]})");
  EXPECT_FALSE(wrong_year.ok());
  auto duplicate = parse_decisions(
      R"({"years":[{"year":2026,"source":"x","days_off":[{"date":"2026-01-01","name":"a"},{"date":"2026-01-01","name":"b"}]}]})");
  EXPECT_FALSE(duplicate.ok());
  auto no_source = parse_decisions(R"({"years":[{"year":2026}]})");
  ASSERT_FALSE(no_source.ok());
  EXPECT_EQ(no_source.error().status(), 422);
  EXPECT_FALSE(parse_decisions("[]").ok());
}

}  // namespace
}  // namespace tinhso::calendar
