// DHIS2 `dataValueSets` JSON, so that tools built for DHIS2 push and pull report data
// (docs/reporting.md). A data value names its data element, category option combo, org unit
// and period; here the data element is a form row's code and the category option combo a
// column's code (a column is a disaggregation: men, women, online, …), or the data element is
// the whole cell "row.col" with DHIS2's default combo; the org unit is the unit's code (or id);
// periods are DHIS2's (202611, 2026Q4, 2026S1, 2026) or ours. Values are strings, as DHIS2
// writes them. Pure: JSON in, JSON out.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "reporting/form.h"
#include "reporting/periods.h"

namespace tinhso::reporting::dhis2 {

// DHIS2's default category option combo ("default"), accepted as "no disaggregation".
inline constexpr std::string_view kDefaultCombo = "HllvX50cXC0";

// "202611", "2026Q4", "2026S1" / "2026S2", "2026"; nine months has no DHIS2 type: "2026-9M".
std::string period_id(const Period& p);
// DHIS2's form or ours, for periods of `type`.
Result<Period> read_period(PeriodType type, std::string_view id);

struct DataValue {
  std::size_t index = 0;  // its place in dataValues, for conflicts
  std::string data_element, combo, org_unit, period, comment;
  std::optional<std::string> value;  // absent or deleted: the cell is cleared
};

// A set as read: its well-formed values, and each bad entry's problems as DHIS2 conflicts
// ({"object": "dataValues[3].value", "value": why}) — with atomicMode=NONE the good values are
// still taken, as DHIS2 does.
struct DataValueSet {
  std::vector<DataValue> values;
  std::vector<boost::json::object> problems;  // the first kMaxProblems
  std::size_t problems_total = 0;
  std::size_t bad_entries = 0;

  void add_problem(std::string_view object, std::string message);
};
// Problems kept in full (the rest counted): 200,000 bad entries must not answer with as many.
inline constexpr std::size_t kMaxProblems = 1000;

// Reads {"dataSet", "period", "orgUnit", "dataValues": [...]}: the set's period and org unit
// apply to values without theirs. A body that is not such a set, or more than `max_values`
// entries: a 422.
Result<DataValueSet> read_data_value_set(const boost::json::value& body, std::size_t max_values);

// The cell a value names in `f`, or nullopt.
std::optional<std::string> cell_of(const FormDef& f, const DataValue& v);

// The value as read_values takes it: a number for number columns (when it reads as one), the
// text otherwise.
boost::json::value cell_value(const FormColumn& c, const std::string& text);

// {"object": what, "value": why} — DHIS2's conflict.
boost::json::object conflict(std::string_view object, std::string message);

}  // namespace tinhso::reporting::dhis2
