// Lunar calendar: vectors checked against published Vietnamese calendars, the years where
// Vietnam (UTC+7) and China (UTC+8) differ, and a cross-check of the whole algorithm at UTC+8
// against ICU's independent implementation of the Chinese calendar.
#include "core/calendar/lunar.h"

#include <gtest/gtest.h>
#include <unicode/calendar.h>
#include <unicode/gregocal.h>

#include <set>

namespace tinhso::calendar {
namespace {

using namespace std::chrono;

Date d(int y, unsigned m, unsigned dd) {
  return Date{year(y), month(m), day(dd)};
}

struct Vector {
  Date solar;
  LunarDate lunar;
};

TEST(Lunar, VietnameseVectors) {
  const Vector vectors[] = {
      {d(2023, 1, 22), {1, 1, 2023, false}},
      {d(2024, 2, 10), {1, 1, 2024, false}},
      {d(2025, 1, 29), {1, 1, 2025, false}},
      {d(2026, 2, 17), {1, 1, 2026, false}},
      {d(2026, 2, 14), {27, 12, 2025, false}},
      {d(2026, 2, 16), {29, 12, 2025, false}},
      {d(2024, 4, 18), {10, 3, 2024, false}},
      {d(2025, 4, 7), {10, 3, 2025, false}},
      {d(2023, 4, 29), {10, 3, 2023, false}},
      {d(2026, 4, 26), {10, 3, 2026, false}},
      {d(2020, 5, 23), {1, 4, 2020, true}},
      {d(2023, 3, 22), {1, 2, 2023, true}},
      {d(2025, 7, 25), {1, 6, 2025, true}},
      {d(2000, 1, 1), {25, 11, 1999, false}},
      // Years in which Vietnam's Tết differs from China's.
      {d(1968, 1, 29), {1, 1, 1968, false}},
      {d(1985, 1, 21), {1, 1, 1985, false}},
      {d(2007, 2, 17), {1, 1, 2007, false}},
  };
  for (const auto& v : vectors) {
    EXPECT_EQ(to_lunar(v.solar), v.lunar) << format_iso_date(v.solar);
    auto back = to_solar(v.lunar);
    ASSERT_TRUE(back.has_value()) << format_iso_date(v.solar);
    EXPECT_EQ(*back, v.solar);
  }
}

TEST(Lunar, ChineseNewYearDiffersInThoseYears) {
  // At UTC+8 the same algorithm gives China's dates, one day (or a month) later.
  EXPECT_EQ(to_lunar(d(1968, 1, 30), 8.0), (LunarDate{1, 1, 1968, false}));
  EXPECT_EQ(to_lunar(d(1985, 2, 20), 8.0), (LunarDate{1, 1, 1985, false}));
  EXPECT_EQ(to_lunar(d(2007, 2, 18), 8.0), (LunarDate{1, 1, 2007, false}));
  EXPECT_NE(to_lunar(d(2007, 2, 17), 8.0).day, 1);
  // 26/3/2009: the new moon is at 23:06 in Vietnam (a new month) but 00:06 next day in China;
  // the month estimate must not run ahead of the day (this gave "day 0" once).
  EXPECT_EQ(to_lunar(d(2009, 3, 26)), (LunarDate{1, 3, 2009, false}));
  EXPECT_EQ(to_lunar(d(2009, 3, 26), 8.0), (LunarDate{30, 2, 2009, false}));
  EXPECT_EQ(to_lunar(d(2054, 5, 7), 8.0), (LunarDate{30, 3, 2054, false}));
}

TEST(Lunar, RoundTripsEveryDayFrom1900To2199) {
  int checked = 0;
  for (Date x = d(1901, 1, 1); x < d(2199, 12, 1); x = add_days(x, 1)) {
    LunarDate l = to_lunar(x);
    ASSERT_GE(l.day, 1) << format_iso_date(x);
    ASSERT_LE(l.day, 30);
    auto back = to_solar(l);
    ASSERT_TRUE(back.has_value()) << format_iso_date(x);
    ASSERT_EQ(*back, x) << format_iso_date(x);
    ++checked;
  }
  EXPECT_GT(checked, 108000);
}

TEST(Lunar, MatchesIcuChineseCalendarAtUtcPlus8) {
  // ICU computes the Chinese calendar with its own astronomy. The two agree on every day of
  // 1950–2099 except these lunar months: ten where a new moon falls within minutes of
  // midnight Beijing time (the two new-moon formulas land on different sides of it), and the
  // leap month of 1987. Any other disagreement is a regression.
  const std::set<std::string> known = {"1954-02-03", "1955-02-22", "1987-07-26", "1999-01-17",
                                       "2012-08-17", "2018-11-07", "2027-02-06", "2030-02-02",
                                       "2057-09-28", "2070-03-12", "2097-08-07"};
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> chinese(icu::Calendar::createInstance(
      icu::TimeZone::createTimeZone("Asia/Shanghai"), icu::Locale("zh@calendar=chinese"), status));
  ASSERT_TRUE(U_SUCCESS(status));
  std::set<std::string> spans;
  bool in_span = false;
  int agreeing = 0;
  for (Date x = d(1950, 1, 1); x < d(2100, 1, 1); x = add_days(x, 1)) {
    // Noon Beijing time of that day.
    double ms =
        static_cast<double>(sys_days(x).time_since_epoch().count()) * 86400000.0 + 4 * 3600000.0;
    chinese->setTime(ms, status);
    int icu_day = chinese->get(UCAL_DATE, status);
    int icu_month = chinese->get(UCAL_MONTH, status) + 1;
    bool icu_leap = chinese->get(UCAL_IS_LEAP_MONTH, status) != 0;
    LunarDate ours = to_lunar(x, 8.0);
    bool differ = ours.day != icu_day || ours.month != icu_month || ours.leap != icu_leap;
    if (differ && !in_span) spans.insert(format_iso_date(x));
    if (!differ) ++agreeing;
    in_span = differ;
  }
  ASSERT_TRUE(U_SUCCESS(status));
  EXPECT_EQ(spans, known);
  EXPECT_GT(agreeing, 54400);
}

TEST(Lunar, RejectsDatesThatDoNotExist) {
  EXPECT_FALSE(to_solar(LunarDate{1, 5, 2026, true}).has_value()) << "2026 has no leap 5th month";
  EXPECT_FALSE(to_solar(LunarDate{30, 12, 2025, false}).has_value())
      << "month 12 of Ất Tỵ has 29 days";
  EXPECT_FALSE(to_solar(LunarDate{1, 13, 2026, false}).has_value());
  EXPECT_TRUE(to_solar(LunarDate{15, 6, 2025, true}).has_value());
}

TEST(Lunar, CanChi) {
  EXPECT_EQ(can_chi_year(2026), "Bính Ngọ");
  EXPECT_EQ(can_chi_year(2025), "Ất Tỵ");
  EXPECT_EQ(can_chi_year(1985), "Ất Sửu");
  EXPECT_EQ(can_chi_day(d(2000, 1, 1)), "Mậu Ngọ");
  EXPECT_EQ(can_chi_month(LunarDate{1, 1, 2026, false}), "Canh Dần");
  EXPECT_EQ(lunar_month_length(d(2026, 2, 14)), 29);
}

}  // namespace
}  // namespace tinhso::calendar
