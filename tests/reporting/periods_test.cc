// Reporting periods and their cut-off windows (Nghị định 09/2019/NĐ-CP, Art. 12).
#include "reporting/periods.h"

#include <gtest/gtest.h>

namespace tinhso::reporting {
namespace {

Date d(int y, int m, int day) {
  return Date{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
              std::chrono::day(static_cast<unsigned>(day))};
}

TEST(PeriodsTest, Article12WindowsRunFromThe15thToThe14th) {
  auto w = cutoff_window({PeriodType::kMonth, 2026, 3}, 15);
  EXPECT_EQ(w.from, d(2026, 2, 15));
  EXPECT_EQ(w.to, d(2026, 3, 14));
  // January's window starts in the previous year.
  w = cutoff_window({PeriodType::kMonth, 2026, 1}, 15);
  EXPECT_EQ(w.from, d(2025, 12, 15));
  EXPECT_EQ(w.to, d(2026, 1, 14));
  // A quarter: from the 15th of the month before it to the 14th of its last month.
  w = cutoff_window({PeriodType::kQuarter, 2026, 1}, 15);
  EXPECT_EQ(w.from, d(2025, 12, 15));
  EXPECT_EQ(w.to, d(2026, 3, 14));
  w = cutoff_window({PeriodType::kQuarter, 2026, 4}, 15);
  EXPECT_EQ(w.from, d(2026, 9, 15));
  EXPECT_EQ(w.to, d(2026, 12, 14));
  // Six months, nine months and the year all start on 15 December of the year before.
  w = cutoff_window({PeriodType::kHalfYear, 2026, 1}, 15);
  EXPECT_EQ(w.from, d(2025, 12, 15));
  EXPECT_EQ(w.to, d(2026, 6, 14));
  w = cutoff_window({PeriodType::kNineMonths, 2026, 1}, 15);
  EXPECT_EQ(w.from, d(2025, 12, 15));
  EXPECT_EQ(w.to, d(2026, 9, 14));
  w = cutoff_window({PeriodType::kYear, 2026, 1}, 15);
  EXPECT_EQ(w.from, d(2025, 12, 15));
  EXPECT_EQ(w.to, d(2026, 12, 14));
}

TEST(PeriodsTest, CalendarPeriodsWhenTheCutoffDayIsTheFirst) {
  auto w = cutoff_window({PeriodType::kMonth, 2028, 2}, 1);
  EXPECT_EQ(w.from, d(2028, 2, 1));
  EXPECT_EQ(w.to, d(2028, 2, 29));  // a leap year
  w = cutoff_window({PeriodType::kQuarter, 2026, 4}, 1);
  EXPECT_EQ(w.from, d(2026, 10, 1));
  EXPECT_EQ(w.to, d(2026, 12, 31));
  w = cutoff_window({PeriodType::kYear, 2026, 1}, 1);
  EXPECT_EQ(w.from, d(2026, 1, 1));
  EXPECT_EQ(w.to, d(2026, 12, 31));
}

TEST(PeriodsTest, TheDayAfterTheCutoffBelongsToTheNextPeriod) {
  EXPECT_EQ(period_containing(PeriodType::kMonth, d(2026, 3, 14), 15).id(), "2026-03");
  EXPECT_EQ(period_containing(PeriodType::kMonth, d(2026, 3, 15), 15).id(), "2026-04");
  EXPECT_EQ(period_containing(PeriodType::kMonth, d(2026, 12, 15), 15).id(), "2027-01");
  EXPECT_EQ(period_containing(PeriodType::kQuarter, d(2026, 12, 20), 15).id(), "2027-Q1");
  EXPECT_EQ(period_containing(PeriodType::kQuarter, d(2026, 12, 20), 1).id(), "2026-Q4");
  EXPECT_EQ(period_containing(PeriodType::kYear, d(2026, 12, 15), 15).id(), "2027");
  // Every day belongs to the window of the period it is given.
  for (int m = 1; m <= 12; ++m) {
    for (int day : {1, 14, 15, 28}) {
      for (PeriodType t : {PeriodType::kMonth, PeriodType::kQuarter, PeriodType::kYear}) {
        for (int cutoff : {1, 15}) {
          Date x = d(2026, m, day);
          auto w = cutoff_window(period_containing(t, x, cutoff), cutoff);
          EXPECT_TRUE(w.from <= x && x <= w.to) << format_iso_date(x) << " " << cutoff;
        }
      }
    }
  }
}

TEST(PeriodsTest, IdsAndLabelsReadBackAndBadIdsAreRefused) {
  for (PeriodType t : kPeriodTypes) {
    Period p{t, t == PeriodType::kOnce ? 0 : 2026,
             t == PeriodType::kMonth     ? 11
             : t == PeriodType::kQuarter ? 4
                                         : 1};
    auto back = parse_period(t, p.id());
    ASSERT_TRUE(back.ok()) << p.id();
    EXPECT_EQ(*back, p);
  }
  EXPECT_EQ((Period{PeriodType::kQuarter, 2026, 4}.label_vi()), "Quý IV/2026");
  EXPECT_EQ((Period{PeriodType::kMonth, 2026, 3}.label_vi()), "Tháng 03/2026");
  EXPECT_EQ((Period{PeriodType::kHalfYear, 2026, 1}.label_vi()), "6 tháng đầu năm 2026");
  for (const char* bad : {"2026-13", "2026-00", "2026-Q1", "2026-1", "26-01", "2026-01x", ""})
    EXPECT_FALSE(parse_period(PeriodType::kMonth, bad).ok()) << bad;
  for (const char* bad : {"2026-Q5", "2026-Q0", "2026-04", "2026Q1", "2026-q1", ""})
    EXPECT_FALSE(parse_period(PeriodType::kQuarter, bad).ok()) << bad;
  for (const char* bad : {"2026-H2", "2026", "1999-H1"})
    EXPECT_FALSE(parse_period(PeriodType::kHalfYear, bad).ok()) << bad;
  EXPECT_FALSE(parse_period(PeriodType::kMonth, "2026-13").ok());
  EXPECT_FALSE(parse_period(PeriodType::kQuarter, "2026-Q0").ok());
  EXPECT_FALSE(parse_period(PeriodType::kYear, "2026-Q1").ok());
  EXPECT_EQ(parse_period(PeriodType::kMonth, "2026-13").error().status(), 422);
}

TEST(PeriodsTest, LargerPeriodsAreMadeOfSmallerOnesAndNeighboursCrossYears) {
  auto months = periods_within({PeriodType::kQuarter, 2026, 2}, PeriodType::kMonth);
  ASSERT_EQ(months.size(), 3u);
  EXPECT_EQ(months.front().id(), "2026-04");
  EXPECT_EQ(months.back().id(), "2026-06");
  auto quarters = periods_within({PeriodType::kYear, 2026, 1}, PeriodType::kQuarter);
  ASSERT_EQ(quarters.size(), 4u);
  EXPECT_EQ(quarters[3].id(), "2026-Q4");
  EXPECT_EQ(periods_within({PeriodType::kHalfYear, 2026, 1}, PeriodType::kQuarter).size(), 2u);
  EXPECT_EQ(periods_within({PeriodType::kNineMonths, 2026, 1}, PeriodType::kMonth).size(), 9u);
  EXPECT_TRUE(periods_within({PeriodType::kMonth, 2026, 1}, PeriodType::kQuarter).empty());
  EXPECT_EQ(previous({PeriodType::kMonth, 2026, 1}).id(), "2025-12");
  EXPECT_EQ(next({PeriodType::kQuarter, 2026, 4}).id(), "2027-Q1");
  EXPECT_EQ(previous({PeriodType::kYear, 2026, 1}).id(), "2025");
}

}  // namespace
}  // namespace tinhso::reporting
