// Deadlines of dossiers and documents: early / on time / late, and how pauses (supplement
// requests, suspensions) move the due time — across weekends and Tết — without ever erasing
// lateness.
#include "core/workflow/deadline.h"

#include <gtest/gtest.h>

#include "core/base/resources.h"

namespace tinhso::workflow {
namespace {

Instant at(const char* rfc3339) {
  auto t = parse_rfc3339(rfc3339);
  EXPECT_TRUE(t.ok()) << rfc3339;
  return *t;
}

calendar::WorkingCalendar shipped_calendar() {
  std::map<int, calendar::YearDays> m;
  for (auto& y :
       *calendar::parse_decisions(*resources::get("resources/calendar/vn-official-decisions.json")))
    m[y.year] = y;
  return calendar::WorkingCalendar(calendar::WorkingTimeRules{}, m);
}

TEST(Deadline, EarlyOnTimeLate) {
  Instant due = at("2026-11-20T16:30:00+07:00");
  EXPECT_EQ(classify(at("2026-11-19T10:00:00+07:00"), due), Timeliness::kEarly);
  EXPECT_EQ(classify(at("2026-11-20T08:00:00+07:00"), due), Timeliness::kOnTime);
  EXPECT_EQ(classify(due, due), Timeliness::kOnTime);
  EXPECT_EQ(classify(at("2026-11-20T16:31:00+07:00"), due), Timeliness::kLate);
  EXPECT_EQ(timeliness_label_vi(Timeliness::kLate), "Quá hạn");
}

TEST(Deadline, APauseMovesTheDueTimeByTheWorkingTimeLeft) {
  auto cal = shipped_calendar();
  // Due Friday 13 Feb 2026 16:30 — the last working day before Tết (14–22 Feb).
  Instant due = at("2026-02-13T16:30:00+07:00");
  // Paused on Thursday 12 Feb at 16:30 with 8 working hours left (office hours 07:00–11:30,
  // 13:30–17:00); resumed Monday 23 Feb at 07:30 after Tết, whose nine days do not count:
  // 7.5 h on the 23rd, the last half hour on the 24th.
  Instant resumed = resume_due(cal, due, at("2026-02-12T16:30:00+07:00"),
                               at("2026-02-23T07:30:00+07:00"), false, 0);
  EXPECT_EQ(format_rfc3339(resumed), "2026-02-24T07:30:00+07:00");
  // The same pause over an ordinary weekend.
  Instant due2 = at("2026-11-20T16:30:00+07:00");  // Friday
  Instant r2 = resume_due(cal, due2, at("2026-11-19T16:30:00+07:00"),
                          at("2026-11-23T13:30:00+07:00"), false, 0);
  EXPECT_EQ(format_rfc3339(r2), "2026-11-24T11:30:00+07:00");  // 8 working hours from Mon 13:30
}

TEST(Deadline, APauseAfterTheDeadlineDoesNotEraseLateness) {
  auto cal = shipped_calendar();
  Instant due = at("2026-11-20T16:30:00+07:00");
  Instant resumed = resume_due(cal, due, at("2026-11-23T09:00:00+07:00"),
                               at("2026-11-25T09:00:00+07:00"), false, 0);
  EXPECT_EQ(resumed, due);
}

TEST(Deadline, RestartCountsTheWholeTimeAgain) {
  auto cal = shipped_calendar();
  Instant due = at("2026-11-20T16:30:00+07:00");
  // Restart with 2 working days (16 h) from Monday 23 Nov 07:30: 7.5 h, 8 h, then 0.5 h.
  Instant resumed = resume_due(cal, due, at("2026-11-19T10:00:00+07:00"),
                               at("2026-11-23T07:30:00+07:00"), true, 2 * 8 * 3600);
  EXPECT_EQ(format_rfc3339(resumed), "2026-11-25T07:30:00+07:00");
}

TEST(Deadline, RemainingAndUrgency) {
  auto cal = shipped_calendar();
  Instant due = at("2026-11-24T16:30:00+07:00");  // Tuesday
  Instant now = at("2026-11-23T16:30:00+07:00");  // Monday, end of day
  EXPECT_EQ(remaining(cal, now, due), 8 * 3600);
  EXPECT_EQ(urgency(cal, now, due, 8 * 3600), Urgency::kNearDue);
  EXPECT_EQ(urgency(cal, at("2026-11-20T08:00:00+07:00"), due, 8 * 3600), Urgency::kOk);
  EXPECT_EQ(urgency(cal, at("2026-11-25T08:00:00+07:00"), due, 8 * 3600), Urgency::kOverdue);
  EXPECT_EQ(remaining(cal, at("2026-11-25T08:00:00+07:00"), due), 0);
}

}  // namespace
}  // namespace tinhso::workflow
