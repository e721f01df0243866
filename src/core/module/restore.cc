// Margins for yearly counters after a restore (restore.h).
#include "core/module/restore.h"

#include <algorithm>
#include <cmath>

namespace tinhso {

int64_t yearly_margin(int64_t this_year, int64_t last_year, const RestoreContext& context) {
  Date taken = local_date(context.taken_at);
  Date new_year{taken.year(), std::chrono::January, std::chrono::day{1}};
  double days_into_year = std::max(1, days_between(new_year, taken) + 1);
  double days_since = std::max(1, days_between(taken, local_date(context.now)) + 1);
  double pace = std::max(static_cast<double>(this_year) / days_into_year,
                         static_cast<double>(last_year) / 365.0);
  auto estimate = static_cast<int64_t>(std::ceil(2 * pace * days_since));
  return std::max({int64_t{10}, estimate, context.margin.value_or(0)});
}

}  // namespace tinhso
