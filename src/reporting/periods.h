// Reporting periods and their cut-off windows (Nghị định 09/2019/NĐ-CP, Art. 12: the data of a
// periodic report run from the 15th of the month before the period to the 14th of its last
// month — a month, a quarter, the first six months, the year — docs/reporting.md). Nine-month
// reports follow the same rule (15/12 to 14/9; verify), and a regime may count calendar
// periods instead (cut-off day 1). A thematic or ad hoc report (báo cáo chuyên đề, đột xuất —
// Art. 3) is asked once: its single period `once` has the window and deadline its regime
// states (regimes.h). Pure: dates in, dates out.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/base/time.h"

namespace tinhso::reporting {

enum class PeriodType { kMonth, kQuarter, kHalfYear, kNineMonths, kYear, kOnce };

inline constexpr PeriodType kPeriodTypes[] = {PeriodType::kMonth,    PeriodType::kQuarter,
                                              PeriodType::kHalfYear, PeriodType::kNineMonths,
                                              PeriodType::kYear,     PeriodType::kOnce};

std::string_view period_type_name(PeriodType t);  // month | quarter | half_year | …
std::string_view period_type_label_vi(PeriodType t);
std::optional<PeriodType> parse_period_type(std::string_view s);

// The date of `year`, `month` (1–12) and `day`.
Date make_date(int year, int month, int day);

// One period of a type: the year and its index within the year (month 1–12, quarter 1–4; 1 for
// the others).
struct Period {
  PeriodType type = PeriodType::kMonth;
  int year = 0;
  int index = 1;

  // "2026-11", "2026-Q4", "2026-H1", "2026-9M", "2026"; "once".
  std::string id() const;
  // "Tháng 11/2026", "Quý IV/2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "Năm 2026";
  // "Báo cáo một lần".
  std::string label_vi() const;
  // The first and last calendar months of the period (1–12).
  int first_month() const;
  int last_month() const;
  bool operator==(const Period&) const = default;
};

// Reads a period id of the given type, or a 422 naming `period`.
Result<Period> parse_period(PeriodType type, std::string_view id);

// The inclusive window of dates whose data the period reports. With `cutoff_day` 15 (ND 09
// Art. 12): from the 15th of the month before the first month to the 14th of the last month;
// with 1: the calendar months themselves. 1 ≤ cutoff_day ≤ 28. Not for `once`, whose window is
// its regime's (window_of in regimes.h).
struct Window {
  Date from, to;
  bool operator==(const Window&) const = default;
};
Window cutoff_window(const Period& p, int cutoff_day);

// The period of `type` whose window holds `day`.
Period period_containing(PeriodType type, Date day, int cutoff_day);

// The period before / after `p` (the same type).
Period previous(const Period& p);
Period next(const Period& p);

// The months, quarters… of a smaller type inside `p`, in order (month → quarter → six months →
// year: aggregates are computed, not entered again). Empty if `smaller` does not divide `p`.
std::vector<Period> periods_within(const Period& p, PeriodType smaller);

}  // namespace tinhso::reporting
