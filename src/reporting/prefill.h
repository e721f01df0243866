// Live values: a form column may name a source over tinhso's own data, filled for the
// reporting unit over the period's cut-off window when the report is opened (and refreshed on
// request), editable before submission. Today the one-stop statistics (onestop/stats.h): the
// columns of Biểu 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP) — received online, directly or by
// post, carried over; resolved early, on time, late; in progress in time or overdue.
#pragma once

#include <span>
#include <string_view>

#include "core/base/time.h"
#include "core/services.h"
#include "reporting/form.h"
#include "reporting/periods.h"

namespace tinhso::reporting {

struct LiveSource {
  std::string_view name, label;
};
std::span<const LiveSource> live_sources();
bool is_live_source(std::string_view name);

// The values of `f`'s sourced columns for `unit` (with the units below it, by today's boundaries)
// over `w`, on every
// row that is not a total row. Empty when the form names no source.
Result<Values> live_values(Services& s, const FormDef& f, int64_t unit, const Window& w);

}  // namespace tinhso::reporting
