#include "reporting/periods.h"

#include <fmt/format.h>

#include <charconv>

namespace tinhso::reporting {
namespace {

struct TypeText {
  PeriodType type;
  std::string_view name, label;
};

constexpr TypeText kTypeTexts[] = {
    {PeriodType::kMonth, "month", "Hằng tháng"},
    {PeriodType::kQuarter, "quarter", "Hằng quý"},
    {PeriodType::kHalfYear, "half_year", "6 tháng"},
    {PeriodType::kNineMonths, "nine_months", "9 tháng"},
    {PeriodType::kYear, "year", "Hằng năm"},
    {PeriodType::kOnce, "once", "Một lần (chuyên đề, đột xuất)"},
};

const TypeText& text_of(PeriodType t) {
  for (const auto& x : kTypeTexts)
    if (x.type == t) return x;
  return kTypeTexts[0];
}

int periods_per_year(PeriodType t) {
  switch (t) {
    case PeriodType::kMonth:
      return 12;
    case PeriodType::kQuarter:
      return 4;
    default:
      return 1;
  }
}

int months_of(PeriodType t) {
  switch (t) {
    case PeriodType::kMonth:
      return 1;
    case PeriodType::kQuarter:
      return 3;
    case PeriodType::kHalfYear:
      return 6;
    case PeriodType::kNineMonths:
      return 9;
    case PeriodType::kYear:
      return 12;
    case PeriodType::kOnce:
      return 0;  // no months of its own: nothing is made of it, it is made of nothing
  }
  return 1;
}

std::optional<int> number(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

}  // namespace

Date make_date(int year, int month, int day) {
  return Date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
              std::chrono::day(static_cast<unsigned>(day))};
}

std::string_view period_type_name(PeriodType t) {
  return text_of(t).name;
}
std::string_view period_type_label_vi(PeriodType t) {
  return text_of(t).label;
}

std::optional<PeriodType> parse_period_type(std::string_view s) {
  for (const auto& x : kTypeTexts)
    if (x.name == s) return x.type;
  return std::nullopt;
}

int Period::first_month() const {
  // Every period but the month and the quarter starts in January.
  switch (type) {
    case PeriodType::kMonth:
      return index;
    case PeriodType::kQuarter:
      return 3 * (index - 1) + 1;
    default:
      return 1;
  }
}

int Period::last_month() const {
  return first_month() + months_of(type) - 1;
}

std::string Period::id() const {
  switch (type) {
    case PeriodType::kMonth:
      return fmt::format("{:04}-{:02}", year, index);
    case PeriodType::kQuarter:
      return fmt::format("{:04}-Q{}", year, index);
    case PeriodType::kHalfYear:
      return fmt::format("{:04}-H1", year);
    case PeriodType::kNineMonths:
      return fmt::format("{:04}-9M", year);
    case PeriodType::kYear:
      return fmt::format("{:04}", year);
    case PeriodType::kOnce:
      return "once";
  }
  return {};
}

std::string Period::label_vi() const {
  static constexpr std::string_view kRoman[] = {"I", "II", "III", "IV"};
  switch (type) {
    case PeriodType::kMonth:
      return fmt::format("Tháng {:02}/{}", index, year);
    case PeriodType::kQuarter:
      return fmt::format("Quý {}/{}", kRoman[index - 1], year);
    case PeriodType::kHalfYear:
      return fmt::format("6 tháng đầu năm {}", year);
    case PeriodType::kNineMonths:
      return fmt::format("9 tháng năm {}", year);
    case PeriodType::kYear:
      return fmt::format("Năm {}", year);
    case PeriodType::kOnce:
      return "Báo cáo một lần";
  }
  return {};
}

Result<Period> parse_period(PeriodType type, std::string_view id) {
  auto bad = [&] {
    return Error::validation("period",
                             fmt::format("Kỳ báo cáo không hợp lệ cho loại kỳ \"{}\" (ví dụ: {}).",
                                         period_type_label_vi(type), Period{type, 2026, 1}.id()));
  };
  if (type == PeriodType::kOnce) {
    if (id != "once") return bad();
    return Period{type, 0, 1};
  }
  if (id.size() < 4) return bad();
  auto year = number(id.substr(0, 4));
  if (!year || *year < 2000 || *year > 2200) return bad();
  std::string_view rest = id.substr(4);
  Period p{type, *year, 1};
  switch (type) {
    case PeriodType::kMonth: {
      if (rest.size() != 3 || rest[0] != '-') return bad();
      auto m = number(rest.substr(1));
      if (!m || *m < 1 || *m > 12) return bad();
      p.index = *m;
      return p;
    }
    case PeriodType::kQuarter: {
      if (rest.size() != 3 || rest.substr(0, 2) != "-Q") return bad();
      auto q = number(rest.substr(2));
      if (!q || *q < 1 || *q > 4) return bad();
      p.index = *q;
      return p;
    }
    case PeriodType::kHalfYear:
      if (rest != "-H1") return bad();
      return p;
    case PeriodType::kNineMonths:
      if (rest != "-9M") return bad();
      return p;
    case PeriodType::kYear:
      if (!rest.empty()) return bad();
      return p;
    case PeriodType::kOnce:
      break;
  }
  return bad();
}

Window cutoff_window(const Period& p, int cutoff_day) {
  if (p.type == PeriodType::kOnce) return {};  // the regime's (window_of)
  if (cutoff_day <= 1) {
    Date next_month = p.last_month() == 12 ? make_date(p.year + 1, 1, 1)
                                           : make_date(p.year, p.last_month() + 1, 1);
    return {make_date(p.year, p.first_month(), 1), add_days(next_month, -1)};
  }
  int month_before = p.first_month() - 1;
  Date from = month_before == 0 ? make_date(p.year - 1, 12, cutoff_day)
                                : make_date(p.year, month_before, cutoff_day);
  return {from, make_date(p.year, p.last_month(), cutoff_day - 1)};
}

Period period_containing(PeriodType type, Date day, int cutoff_day) {
  int year = static_cast<int>(day.year());
  int month = static_cast<int>(static_cast<unsigned>(day.month()));
  // A day on or after the cut-off belongs to the next month's window.
  if (cutoff_day > 1 && static_cast<int>(static_cast<unsigned>(day.day())) >= cutoff_day) {
    if (++month == 13) {
      month = 1;
      ++year;
    }
  }
  switch (type) {
    case PeriodType::kMonth:
      return {type, year, month};
    case PeriodType::kQuarter:
      return {type, year, (month - 1) / 3 + 1};
    case PeriodType::kHalfYear:
    case PeriodType::kNineMonths:
    case PeriodType::kYear:
      // A window that does not cover the whole year (six, nine months): the day after it is
      // not in any period of the year; it is given the year's period all the same, whose
      // window the caller checks.
      return {type, year, 1};
    case PeriodType::kOnce:
      return {type, 0, 1};
  }
  return {type, year, 1};
}

Period previous(const Period& p) {
  if (p.type == PeriodType::kOnce) return p;
  if (p.index > 1) return {p.type, p.year, p.index - 1};
  return {p.type, p.year - 1, periods_per_year(p.type)};
}

Period next(const Period& p) {
  if (p.type == PeriodType::kOnce) return p;
  if (p.index < periods_per_year(p.type)) return {p.type, p.year, p.index + 1};
  return {p.type, p.year + 1, 1};
}

std::vector<Period> periods_within(const Period& p, PeriodType smaller) {
  if (p.type == PeriodType::kOnce || smaller == PeriodType::kOnce)
    return smaller == p.type ? std::vector<Period>{p} : std::vector<Period>{};
  int step = months_of(smaller);
  if (step > months_of(p.type) || months_of(p.type) % step != 0 ||
      smaller == PeriodType::kHalfYear || smaller == PeriodType::kNineMonths)
    return smaller == p.type ? std::vector<Period>{p} : std::vector<Period>{};
  std::vector<Period> out;
  for (int m = p.first_month(); m <= p.last_month(); m += step) {
    out.push_back({smaller, p.year, smaller == PeriodType::kMonth ? m : (m - 1) / 3 + 1});
  }
  return out;
}

}  // namespace tinhso::reporting
