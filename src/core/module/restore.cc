// Margins for yearly counters after a restore (restore.h).
#include "core/module/restore.h"

#include <algorithm>

namespace tinhso {

int64_t yearly_margin(int64_t issued_by_backup, const RestoreContext& context) {
  if (context.margin) return *context.margin;
  Date taken = local_date(context.taken_at);
  Date new_year{taken.year(), std::chrono::January, std::chrono::day{1}};
  int64_t days_into_year = std::max(1, days_between(new_year, taken) + 1);
  int64_t days_since = std::max(1, days_between(taken, local_date(context.now)) + 1);
  return std::max<int64_t>(10, 2 * issued_by_backup * days_since / days_into_year);
}

}  // namespace tinhso
