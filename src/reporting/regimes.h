// A reporting regime (chế độ báo cáo — Nghị định 09/2019/NĐ-CP, Art. 7: content, reporters,
// receiver, method, cut-off, deadline, frequency, forms): which form version, the period type,
// the data's cut-off day (15 under Art. 12; 1 for calendar periods), the deadline to send
// (working days after the cut-off — at least one, Art. 8(5)(b) — or a fixed day of a month
// relative to the period's last month), the days after the deadline until entry locks, the
// receiving unit (whose leaders approve) and the reporting units (listed, or every people's
// committee of an administrative level in the receiver's province). A thematic or ad hoc
// request (period type `once`) states its data window and the date to send by instead. Pure,
// except for reading the tree and calendar it is given.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/calendar/working_calendar.h"
#include "core/identity/org_tree.h"
#include "reporting/periods.h"

namespace tinhso::reporting {

struct Deadline {
  enum class Kind { kWorkingDaysAfterCutoff, kDayOfMonth, kDate };
  Kind kind = Kind::kWorkingDaysAfterCutoff;
  int working_days = 5;  // kWorkingDaysAfterCutoff: ≥ 1
  int month_offset = 0;  // kDayOfMonth: months after the period's last month (may be < 0)
  int day = 20;          // kDayOfMonth: 1–28
  Date date;             // kDate (regimes of period type `once` only): the last day to send
};

inline constexpr size_t kMaxApprovers = 3;

struct Regime {
  int64_t id = 0;
  std::string code, name, legal_basis;
  std::string form_code;
  int64_t form_version = 0;
  PeriodType period_type = PeriodType::kMonth;
  int cutoff_day = 15;
  Deadline deadline;
  std::optional<Window> window;  // `once` only: the data the report covers
  int lock_days = 0;
  int64_t receiver_unit_id = 0;
  // The units that approve after the receiver, in order (at most kMaxApprovers): a report
  // passes up only once the last has approved it.
  std::vector<int64_t> approver_units;
  std::vector<int64_t> reporter_units;
  std::string reporter_level;  // a unit_levels key: every committee of that level
  bool active = true;
  int64_t version = 1;
  int64_t created_at = 0;  // ms; periods due before it were never asked for (no reminders)
};

// Every problem at once; units must be active units of `org`, the level one of its levels.
// The form version is the caller's to check (it needs the database).
Result<Regime> read_regime(const boost::json::value& body, const identity::OrgTree& org);
boost::json::object regime_json(const Regime& r, const identity::OrgTree& org);
boost::json::object deadline_json(const Deadline& d);
Result<Deadline> read_deadline(const boost::json::value& v);

// The units that report under `r`, in tree order: the listed ones and, with a level, every
// active people's committee of that level in the receiver's province.
std::vector<int64_t> reporters_of(const Regime& r, const identity::OrgTree& org);

// How many levels approve a report of `r` (the receiver and each approving unit), and the unit
// that approves at `level` (0: the receiver; a level past the last: the last).
int approval_levels(const Regime& r);
int64_t approver_at(const Regime& r, int level);

// The dates whose data the report of `p` covers: the regime's own window for `once`, the
// period's cut-off window otherwise.
Window window_of(const Regime& r, const Period& p);

// Whether a report due on `due` was asked for: a period due before its regime was defined never
// was (no reminder, never overdue or missing; only what was sent counts).
bool asked_for(const Regime& r, Date due);

// The last day to send the report of `p` (the end of that day, local time, is the deadline).
Date due_date(const Regime& r, const Period& p, const calendar::WorkingCalendar& cal);
// The day after which entry locks (the deadline plus lock_days), or none.
std::optional<Date> lock_date(const Regime& r, const Period& p,
                              const calendar::WorkingCalendar& cal);

// The periods people work on at `today`: the one whose window holds today and the two before
// (`once`: its only period).
std::vector<Period> open_periods(const Regime& r, Date today);

}  // namespace tinhso::reporting
