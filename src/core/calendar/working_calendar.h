// WorkingCalendar: arithmetic on working time — the basis of every legal deadline.
//
// Working time is the weekly working days' office periods (default Monday–Friday,
// 07:00–11:30 and 13:30–17:00: 8 hours), minus days off, plus make-up working days.
// Rules applied (docs/calendar.md has the full text and sources):
//  * A processing time of N working days is N × (hours of a working day) of working time;
//    working hours are counted directly.
//  * Counting starts at the first working moment at or after reception; with an afternoon
//    cut-off configured, a dossier received on a working day at or after the cut-off starts
//    counting at the beginning of the next working day.
//  * A due time that falls exactly at the end of a period is that end (17:00), not the next
//    morning.
//
// Thread safety: a WorkingCalendar is immutable once built and may be shared by all threads;
// per-year indexes are built lazily once (under a mutex) and then read through atomics.
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/calendar/holidays.h"
#include "core/config/config.h"

namespace tinhso::calendar {

struct WorkPeriod {
  int start = 0;  // seconds after local midnight
  int end = 0;
};

struct WorkingTimeRules {
  WeeklyDays weekly;
  std::vector<WorkPeriod> periods = {{7 * 3600, 11 * 3600 + 1800}, {13 * 3600 + 1800, 17 * 3600}};
  std::optional<int> afternoon_cutoff;  // seconds after local midnight

  int64_t seconds_per_day() const;
  static Result<WorkingTimeRules> from_config(const CalendarConfig& c);
};

class WorkingCalendar {
 public:
  // `official` holds the recorded decisions; other years use statutory_days().
  WorkingCalendar(WorkingTimeRules rules, std::map<int, YearDays> official);
  WorkingCalendar() : WorkingCalendar(WorkingTimeRules{}, {}) {}
  ~WorkingCalendar();

  const WorkingTimeRules& rules() const { return rules_; }
  // The special days of `year` (official if recorded, computed otherwise).
  const YearDays& year_days(int year) const;
  bool is_working_day(Date d) const;
  // The name of a day off or make-up working day, if `d` is one.
  const SpecialDay* special_day(Date d) const;

  // Where counting starts for something received at `received`.
  Instant counting_start(Instant received) const;
  // The moment after `seconds` of working time counted from `start`.
  Instant add_working_seconds(Instant start, int64_t seconds) const;
  // Working time between two instants (0 if `to` ≤ `from`).
  int64_t working_seconds_between(Instant from, Instant to) const;
  // Due time of a processing time of `days` working days plus `hours` working hours.
  Instant due(Instant received, int64_t days, int64_t hours) const;
  // End of the working day on which counting starts ("trong ngày" procedures).
  Instant end_of_working_day(Instant received) const;

 private:
  struct YearIndex;
  const YearIndex& index(int year) const;

  WorkingTimeRules rules_;
  std::map<int, YearDays> official_;
  // Lazily built per year, published once and then read without locks.
  static constexpr int kFirstYear = 1900, kLastYear = 2299;
  mutable std::array<std::atomic<const YearIndex*>, kLastYear - kFirstYear + 1> years_{};
  mutable std::mutex build_mu_;
  mutable std::vector<std::unique_ptr<YearIndex>> owned_;
};

}  // namespace tinhso::calendar
