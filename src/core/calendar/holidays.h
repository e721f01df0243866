// Days off for a year: the statutory public holidays of the Labour Code 2019 (Article 112)
// with compensatory days, or — for years with a recorded official decision — the days the
// Government actually announced (which Tết days, swaps, make-up working Saturdays).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/base/time.h"

namespace tinhso::calendar {

enum class DayKind { kOff, kWork };

struct SpecialDay {
  Date date;
  DayKind kind = DayKind::kOff;
  std::string name;  // Vietnamese, shown to people
};

struct YearDays {
  int year = 0;
  bool official = false;         // from a recorded decision rather than computed
  std::string source;            // the decision, or "Bộ luật Lao động 2019, Điều 112"
  std::vector<SpecialDay> days;  // sorted by date
};

// ISO weekdays that are working days (default Monday–Friday).
struct WeeklyDays {
  std::vector<int64_t> working = {1, 2, 3, 4, 5};
  bool is_working(Date d) const;
};

// The statutory days off of `year` computed from the law: holidays on their dates plus,
// for each one falling on a weekly day off, a compensatory day on the next working day.
YearDays statutory_days(int year, const WeeklyDays& weekly);

// Official decisions in the JSON form shipped in resources/calendar/ and accepted by the
// admin API: {"years":[{"year":2026,"source":"…","days_off":[{"date":"2026-01-01",
// "name":"…"}],"work_days":[{"date":"2026-01-10","name":"…"}]}]}
Result<std::vector<YearDays>> parse_decisions(std::string_view json_text);
Result<YearDays> parse_year_decision(const boost::json::value& v);
boost::json::object year_days_to_json(const YearDays& y);

}  // namespace tinhso::calendar
