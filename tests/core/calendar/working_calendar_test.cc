// Deadline arithmetic in working time: weekends, lunch breaks, holidays (Tết), make-up
// working Saturdays, the afternoon cut-off.
#include "core/calendar/working_calendar.h"

#include <gtest/gtest.h>

#include "core/base/resources.h"

namespace tinhso::calendar {
namespace {

Instant at(const char* rfc3339) {
  auto t = parse_rfc3339(rfc3339);
  EXPECT_TRUE(t.ok()) << rfc3339;
  return *t;
}

std::map<int, YearDays> shipped() {
  std::map<int, YearDays> m;
  for (auto& y : *parse_decisions(*resources::get("resources/calendar/vn-official-decisions.json")))
    m[y.year] = y;
  return m;
}

class WorkingCalendarTest : public ::testing::Test {
 protected:
  WorkingCalendar cal{WorkingTimeRules{}, shipped()};
  std::string due(const char* received, int days, int hours = 0) {
    return format_rfc3339(cal.due(at(received), days, hours));
  }
};

TEST_F(WorkingCalendarTest, OneDayIsEightWorkingHours) {
  EXPECT_EQ(due("2026-11-23T09:00:00+07:00", 1), "2026-11-24T09:00:00+07:00");
  EXPECT_EQ(due("2026-11-23T09:00:00+07:00", 5), "2026-11-30T09:00:00+07:00");
}

TEST_F(WorkingCalendarTest, FridayAfternoonRunsIntoMonday) {
  // 1 h on Friday (16:00–17:00), 7 h on Monday (07:00–11:30, 13:30–16:00).
  EXPECT_EQ(due("2026-11-20T16:00:00+07:00", 1), "2026-11-23T16:00:00+07:00");
}

TEST_F(WorkingCalendarTest, ReceptionOutsideWorkingTimeStartsAtTheNextWorkingMoment) {
  EXPECT_EQ(format_rfc3339(cal.counting_start(at("2026-11-21T10:00:00+07:00"))),
            "2026-11-23T07:00:00+07:00");  // Saturday
  EXPECT_EQ(format_rfc3339(cal.counting_start(at("2026-11-23T12:00:00+07:00"))),
            "2026-11-23T13:30:00+07:00");  // lunch
  EXPECT_EQ(format_rfc3339(cal.counting_start(at("2026-11-23T21:15:00+07:00"))),
            "2026-11-24T07:00:00+07:00");  // evening
  EXPECT_EQ(format_rfc3339(cal.counting_start(at("2026-11-23T06:59:00+07:00"))),
            "2026-11-23T07:00:00+07:00");
}

TEST_F(WorkingCalendarTest, ADueTimeAtTheEndOfAPeriodStaysThere) {
  EXPECT_EQ(due("2026-11-21T10:00:00+07:00", 1), "2026-11-23T17:00:00+07:00");
  EXPECT_EQ(due("2026-11-23T07:00:00+07:00", 0, 4), "2026-11-23T11:00:00+07:00");
  EXPECT_EQ(due("2026-11-23T07:00:00+07:00", 0, 5), "2026-11-23T14:00:00+07:00");  // skips lunch
}

TEST_F(WorkingCalendarTest, HoursAcrossTheLunchBreak) {
  EXPECT_EQ(due("2026-11-23T10:00:00+07:00", 0, 4), "2026-11-23T16:00:00+07:00");
}

TEST_F(WorkingCalendarTest, TetBinhNgo2026IsSkipped) {
  // Received Friday 13/2/2026 16:00; 14–22/2 is the official Tết break.
  EXPECT_EQ(due("2026-02-13T16:00:00+07:00", 3), "2026-02-25T16:00:00+07:00");
  EXPECT_FALSE(cal.is_working_day(
      Date{std::chrono::year(2026), std::chrono::February, std::chrono::day(16)}));
  EXPECT_TRUE(cal.is_working_day(
      Date{std::chrono::year(2026), std::chrono::February, std::chrono::day(23)}));
}

TEST_F(WorkingCalendarTest, NewYearSwapAndMakeUpSaturday2026) {
  // 2/1/2026 (Friday) was swapped off; Saturday 10/1/2026 was worked instead.
  EXPECT_EQ(due("2025-12-31T09:00:00+07:00", 1), "2026-01-05T09:00:00+07:00");
  EXPECT_EQ(due("2026-01-09T09:00:00+07:00", 1), "2026-01-10T09:00:00+07:00");
  ASSERT_NE(
      cal.special_day(Date{std::chrono::year(2026), std::chrono::January, std::chrono::day(10)}),
      nullptr);
}

TEST_F(WorkingCalendarTest, ComputedYearsUseTheStatutoryRules) {
  // 2027 has no recorded decision: Tết 5–9/2 plus compensatory 10–11/2.
  EXPECT_EQ(due("2027-02-04T09:00:00+07:00", 1), "2027-02-12T09:00:00+07:00");
}

TEST_F(WorkingCalendarTest, WorkingTimeBetween) {
  EXPECT_EQ(
      cal.working_seconds_between(at("2026-11-20T16:00:00+07:00"), at("2026-11-23T09:00:00+07:00")),
      3 * 3600);
  EXPECT_EQ(
      cal.working_seconds_between(at("2026-11-23T11:00:00+07:00"), at("2026-11-23T14:00:00+07:00")),
      3600);
  EXPECT_EQ(
      cal.working_seconds_between(at("2026-11-23T14:00:00+07:00"), at("2026-11-23T11:00:00+07:00")),
      0);
  EXPECT_EQ(
      cal.working_seconds_between(at("2026-02-13T07:00:00+07:00"), at("2026-02-24T07:00:00+07:00")),
      16 * 3600);
  // Consistency: the time between reception and the due time is exactly the processing time.
  Instant start = at("2026-12-29T15:17:00+07:00");
  for (int days : {1, 3, 7, 15, 30}) {
    Instant due_t = cal.due(start, days, 0);
    EXPECT_EQ(cal.working_seconds_between(cal.counting_start(start), due_t), days * 8 * 3600)
        << days;
  }
}

TEST(WorkingCalendarCutoff, AfterTheCutoffCountingStartsNextWorkingDay) {
  CalendarConfig c;
  c.afternoon_cutoff = "15:00";
  auto rules = WorkingTimeRules::from_config(c);
  ASSERT_TRUE(rules.ok());
  WorkingCalendar cal(*rules, {});
  EXPECT_EQ(format_rfc3339(cal.counting_start(at("2026-11-23T15:30:00+07:00"))),
            "2026-11-24T07:00:00+07:00");
  EXPECT_EQ(format_rfc3339(cal.counting_start(at("2026-11-23T14:59:00+07:00"))),
            "2026-11-23T14:59:00+07:00");
  // Friday after the cut-off: Monday morning.
  EXPECT_EQ(format_rfc3339(cal.counting_start(at("2026-11-27T16:00:00+07:00"))),
            "2026-11-30T07:00:00+07:00");
}

TEST(WorkingCalendarRules, CustomHoursChangeTheLengthOfADay) {
  CalendarConfig c;
  c.work_periods = {"07:30-11:30", "13:00-16:00"};  // 7 hours
  auto rules = WorkingTimeRules::from_config(c);
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(rules->seconds_per_day(), 7 * 3600);
  WorkingCalendar cal(*rules, {});
  EXPECT_EQ(format_rfc3339(cal.due(at("2026-11-23T07:30:00+07:00"), 1, 0)),
            "2026-11-23T16:00:00+07:00");
  c.work_periods = {"13:00-16:00", "07:30-11:30"};
  EXPECT_FALSE(WorkingTimeRules::from_config(c).ok());
}

}  // namespace
}  // namespace tinhso::calendar
