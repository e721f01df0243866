// Instants, Vietnamese local dates and times, RFC 3339 and the application clock.
//
// Instants are UTC milliseconds. Vietnam has used UTC+7 without daylight saving since
// 1975, so local time is a fixed offset; no time-zone database is needed.
//
// Thread safety: Clock may be read and set from any thread (an atomic offset).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace tinhso {

using Instant = std::chrono::sys_time<std::chrono::milliseconds>;
using Date = std::chrono::year_month_day;

inline constexpr std::chrono::minutes kVietnamUtcOffset{7 * 60};

inline int64_t to_millis(Instant t) {
  return t.time_since_epoch().count();
}
inline Instant from_millis(int64_t ms) {
  return Instant(std::chrono::milliseconds(ms));
}

// Local (UTC+7) calendar date and minute of the day of an instant.
Date local_date(Instant t);
int local_minute_of_day(Instant t);
// The instant at `minute_of_day` local time on `date`.
Instant local_instant(Date date, int minute_of_day);
// The last millisecond of a local day: a deadline "by" a date falls at the end of that day.
Instant end_of_local_day(Date date);
// ISO weekday: 1 = Monday … 7 = Sunday.
int iso_weekday(Date date);
Date add_days(Date date, int days);
int days_between(Date from, Date to);  // to - from
// Julian day number of a Gregorian date (used by the lunar calendar).
int64_t julian_day(Date date);
Date from_julian_day(int64_t jd);

// "2026-11-23T09:30:00+07:00" (local offset) — what the API returns.
std::string format_rfc3339(Instant t);
// Accepts "YYYY-MM-DDTHH:MM[:SS[.fff…]]" followed by "Z" or "±HH:MM".
Result<Instant> parse_rfc3339(std::string_view s);
// "YYYY-MM-DD"
std::string format_iso_date(Date d);
Result<Date> parse_iso_date(std::string_view s);
// "23/11/2026" — how dates are shown to people.
std::string format_vn_date(Date d);
// "ngày 23 tháng 11 năm 2026" — how forms write dates.
std::string format_vn_long_date(Date d);
// "09 giờ 30 phút, ngày 23 tháng 11 năm 2026" — the appointment line of Form 01.
std::string format_vn_appointment(Instant t);

// The application clock. Production reads the system clock; tests that need to move time
// (overdue dossiers, reminders) enable `testing.clock_control` and shift it.
class Clock {
 public:
  Instant now() const;
  void set_offset(std::chrono::milliseconds offset) { offset_ms_.store(offset.count()); }
  std::chrono::milliseconds offset() const { return std::chrono::milliseconds(offset_ms_.load()); }

 private:
  std::atomic<int64_t> offset_ms_{0};
};

}  // namespace tinhso
