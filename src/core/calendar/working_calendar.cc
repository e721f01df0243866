#include "core/calendar/working_calendar.h"

#include <fmt/format.h>

#include <bitset>
#include <charconv>

namespace tinhso::calendar {

using std::chrono::sys_days;

struct WorkingCalendar::YearIndex {
  YearDays days;
  std::bitset<366> working;  // by day of year (0-based)
  std::vector<int> special;  // day of year → index into days.days, or -1
};

namespace {

int day_of_year(Date d) {
  Date jan1{d.year(), std::chrono::January, std::chrono::day(1)};
  return static_cast<int>((sys_days(d) - sys_days(jan1)).count());
}

std::optional<int> parse_hhmm(std::string_view s) {
  int h = 0, m = 0;
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  if (std::from_chars(s.data(), s.data() + 2, h).ec != std::errc() ||
      std::from_chars(s.data() + 3, s.data() + 5, m).ec != std::errc()) {
    return std::nullopt;
  }
  return h * 3600 + m * 60;
}

}  // namespace

int64_t WorkingTimeRules::seconds_per_day() const {
  int64_t s = 0;
  for (const auto& p : periods) s += p.end - p.start;
  return s;
}

Result<WorkingTimeRules> WorkingTimeRules::from_config(const CalendarConfig& c) {
  WorkingTimeRules r;
  r.weekly.working = c.work_days;
  r.periods.clear();
  for (const auto& p : c.work_periods) {
    auto a = parse_hhmm(p.substr(0, 5));
    auto b = parse_hhmm(p.size() >= 11 ? p.substr(6, 5) : "");
    if (!a || !b || *a >= *b)
      return Error::invalid(fmt::format("Giờ làm việc không hợp lệ: {}", p));
    if (!r.periods.empty() && *a < r.periods.back().end) {
      return Error::invalid("Các khoảng giờ làm việc phải theo thứ tự và không chồng lấn.");
    }
    r.periods.push_back({*a, *b});
  }
  if (r.periods.empty()) return Error::invalid("Cần ít nhất một khoảng giờ làm việc.");
  if (!c.afternoon_cutoff.empty()) {
    r.afternoon_cutoff = parse_hhmm(c.afternoon_cutoff);
    if (!r.afternoon_cutoff) return Error::invalid("Giờ chốt buổi chiều không hợp lệ.");
  }
  return r;
}

WorkingCalendar::WorkingCalendar(WorkingTimeRules rules, std::map<int, YearDays> official)
    : rules_(std::move(rules)), official_(std::move(official)) {}

WorkingCalendar::~WorkingCalendar() = default;

const WorkingCalendar::YearIndex& WorkingCalendar::index(int year) const {
  int slot = std::clamp(year, kFirstYear, kLastYear) - kFirstYear;
  if (const YearIndex* ready =
          years_[static_cast<std::size_t>(slot)].load(std::memory_order_acquire)) {
    return *ready;
  }
  std::lock_guard lock(build_mu_);
  if (const YearIndex* ready =
          years_[static_cast<std::size_t>(slot)].load(std::memory_order_acquire)) {
    return *ready;
  }
  auto idx = std::make_unique<YearIndex>();
  int y = slot + kFirstYear;
  auto it = official_.find(y);
  idx->days = it != official_.end() ? it->second : statutory_days(y, rules_.weekly);
  idx->special.assign(366, -1);
  Date d{std::chrono::year(y), std::chrono::January, std::chrono::day(1)};
  for (int i = 0; static_cast<int>(d.year()) == y; ++i, d = add_days(d, 1)) {
    idx->working[static_cast<std::size_t>(i)] = rules_.weekly.is_working(d);
  }
  for (std::size_t k = 0; k < idx->days.days.size(); ++k) {
    const SpecialDay& s = idx->days.days[k];
    int doy = day_of_year(s.date);
    idx->working[static_cast<std::size_t>(doy)] = s.kind == DayKind::kWork;
    idx->special[static_cast<std::size_t>(doy)] = static_cast<int>(k);
  }
  const YearIndex* raw = idx.get();
  owned_.push_back(std::move(idx));
  years_[static_cast<std::size_t>(slot)].store(raw, std::memory_order_release);
  return *raw;
}

const YearDays& WorkingCalendar::year_days(int year) const {
  return index(year).days;
}

bool WorkingCalendar::is_working_day(Date d) const {
  return index(static_cast<int>(d.year())).working[static_cast<std::size_t>(day_of_year(d))];
}

const SpecialDay* WorkingCalendar::special_day(Date d) const {
  const YearIndex& idx = index(static_cast<int>(d.year()));
  int k = idx.special[static_cast<std::size_t>(day_of_year(d))];
  return k < 0 ? nullptr : &idx.days.days[static_cast<std::size_t>(k)];
}

Instant WorkingCalendar::add_working_seconds(Instant start, int64_t seconds) const {
  Date d = local_date(start);
  int64_t ms_in_day = (to_millis(start) + 7 * 3600 * 1000LL) % (86400 * 1000LL);
  if (ms_in_day < 0) ms_in_day += 86400 * 1000LL;
  int64_t remaining_ms = seconds * 1000;
  for (int guard = 0; guard < 20000; ++guard) {
    if (is_working_day(d)) {
      for (const auto& p : rules_.periods) {
        int64_t s = std::max<int64_t>(p.start * 1000LL, ms_in_day);
        int64_t e = p.end * 1000LL;
        if (s >= e) continue;
        if (remaining_ms <= e - s) {
          return local_instant(d, 0) + std::chrono::milliseconds(s + remaining_ms);
        }
        remaining_ms -= e - s;
      }
    }
    d = add_days(d, 1);
    ms_in_day = 0;
  }
  return start + std::chrono::seconds(seconds);  // unreachable for sane calendars
}

int64_t WorkingCalendar::working_seconds_between(Instant from, Instant to) const {
  if (to <= from) return 0;
  int64_t total_ms = 0;
  Date d = local_date(from);
  Date last = local_date(to);
  for (int guard = 0; guard < 200000; ++guard) {
    if (is_working_day(d)) {
      Instant midnight = local_instant(d, 0);
      for (const auto& p : rules_.periods) {
        Instant s = std::max(from, midnight + std::chrono::seconds(p.start));
        Instant e = std::min(to, midnight + std::chrono::seconds(p.end));
        if (e > s) total_ms += (e - s).count();
      }
    }
    if (d == last) break;
    d = add_days(d, 1);
  }
  return total_ms / 1000;
}

Instant WorkingCalendar::counting_start(Instant received) const {
  if (rules_.afternoon_cutoff) {
    Date d = local_date(received);
    int second_of_day = local_minute_of_day(received) * 60;
    if (is_working_day(d) && second_of_day >= *rules_.afternoon_cutoff) {
      return add_working_seconds(local_instant(add_days(d, 1), 0), 0);
    }
  }
  return add_working_seconds(received, 0);
}

Instant WorkingCalendar::due(Instant received, int64_t days, int64_t hours) const {
  int64_t seconds = days * rules_.seconds_per_day() + hours * 3600;
  return add_working_seconds(counting_start(received), seconds);
}

Instant WorkingCalendar::end_of_working_day(Instant received) const {
  Instant start = counting_start(received);
  return local_instant(local_date(start), 0) + std::chrono::seconds(rules_.periods.back().end);
}

}  // namespace tinhso::calendar
