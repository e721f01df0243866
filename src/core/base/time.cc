#include "core/base/time.h"

#include <fmt/format.h>

#include <charconv>

namespace tinhso {

using namespace std::chrono;

namespace {

Instant local_midnight_utc(Date d) {
  return Instant(sys_days(d)) - kVietnamUtcOffset;
}

sys_days local_day(Instant t) {
  return floor<days>(t + kVietnamUtcOffset);
}

bool parse_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Error bad_time(std::string_view s) {
  return Error::invalid(
      fmt::format("Thời điểm \"{}\" không đúng định dạng (ví dụ: 2026-11-23T09:30:00+07:00).",
                  s.substr(0, 64)));
}

}  // namespace

Date local_date(Instant t) {
  return Date(local_day(t));
}

int local_minute_of_day(Instant t) {
  auto local = t + kVietnamUtcOffset;
  return static_cast<int>(duration_cast<minutes>(local - floor<days>(local)).count());
}

Instant local_instant(Date date, int minute_of_day) {
  return local_midnight_utc(date) + minutes(minute_of_day);
}

Instant end_of_local_day(Date date) {
  return local_instant(add_days(date, 1), 0) - std::chrono::milliseconds(1);
}

int iso_weekday(Date date) {
  return static_cast<int>(weekday(sys_days(date)).iso_encoding());
}

Date add_days(Date date, int n) {
  return Date(sys_days(date) + days(n));
}

int days_between(Date from, Date to) {
  return static_cast<int>((sys_days(to) - sys_days(from)).count());
}

int64_t julian_day(Date date) {
  // 1970-01-01 is JDN 2440588.
  return sys_days(date).time_since_epoch().count() + 2440588;
}

Date from_julian_day(int64_t jd) {
  return Date(sys_days(days(jd - 2440588)));
}

std::string format_rfc3339(Instant t) {
  Date d = local_date(t);
  auto local = t + kVietnamUtcOffset;
  auto secs = duration_cast<seconds>(local - floor<days>(local)).count();
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+07:00", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()), secs / 3600,
                     (secs / 60) % 60, secs % 60);
}

Result<Instant> parse_rfc3339(std::string_view s) {
  // YYYY-MM-DDTHH:MM
  if (s.size() < 16 || s[4] != '-' || s[7] != '-' ||
      (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':') {
    return bad_time(s);
  }
  auto date = parse_iso_date(s.substr(0, 10));
  if (!date) return bad_time(s);
  int hour, minute, second = 0;
  if (!all_digits(s.substr(11, 2)) || !all_digits(s.substr(14, 2)) ||
      !parse_int(s.substr(11, 2), hour) || !parse_int(s.substr(14, 2), minute) || hour > 23 ||
      minute > 59) {
    return bad_time(s);
  }
  std::size_t pos = 16;
  int millis = 0;
  if (pos < s.size() && s[pos] == ':') {
    if (pos + 3 > s.size() || !all_digits(s.substr(pos + 1, 2)) ||
        !parse_int(s.substr(pos + 1, 2), second) || second > 60) {
      return bad_time(s);
    }
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      std::size_t start = ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start) return bad_time(s);
      std::string frac(s.substr(start, std::min<std::size_t>(3, pos - start)));
      while (frac.size() < 3) frac += '0';
      parse_int(frac, millis);
    }
  }
  int offset_minutes;
  std::string_view zone = s.substr(pos);
  if (zone == "Z" || zone == "z") {
    offset_minutes = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int oh, om;
    if (!all_digits(zone.substr(1, 2)) || !all_digits(zone.substr(4, 2)) ||
        !parse_int(zone.substr(1, 2), oh) || !parse_int(zone.substr(4, 2), om) || oh > 23 ||
        om > 59) {
      return bad_time(s);
    }
    offset_minutes = (oh * 60 + om) * (zone[0] == '-' ? -1 : 1);
  } else {
    return bad_time(s);
  }
  Instant t = Instant(sys_days(*date)) + hours(hour) + minutes(minute) +
              seconds(std::min(second, 59)) + milliseconds(millis) - minutes(offset_minutes);
  return t;
}

std::string format_iso_date(Date d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

Result<Date> parse_iso_date(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s.substr(0, 4)) ||
      !all_digits(s.substr(5, 2)) || !all_digits(s.substr(8, 2)) || !parse_int(s.substr(0, 4), y) ||
      !parse_int(s.substr(5, 2), m) || !parse_int(s.substr(8, 2), d)) {
    return Error::invalid(
        fmt::format("Ngày \"{}\" không đúng định dạng YYYY-MM-DD.", s.substr(0, 32)));
  }
  Date date{year(y), month(static_cast<unsigned>(m)), day(static_cast<unsigned>(d))};
  if (!date.ok()) {
    return Error::invalid(fmt::format("Ngày \"{}\" không tồn tại.", s));
  }
  return date;
}

std::string format_vn_date(Date d) {
  return fmt::format("{:02}/{:02}/{:04}", static_cast<unsigned>(d.day()),
                     static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
}

std::string format_vn_long_date(Date d) {
  return fmt::format("ngày {:02} tháng {:02} năm {:04}", static_cast<unsigned>(d.day()),
                     static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
}

std::string format_vn_appointment(Instant t) {
  int m = local_minute_of_day(t);
  return fmt::format("{:02} giờ {:02} phút, {}", m / 60, m % 60,
                     format_vn_long_date(local_date(t)));
}

Instant Clock::now() const {
  return floor<milliseconds>(system_clock::now()) + milliseconds(offset_ms_.load());
}

}  // namespace tinhso
