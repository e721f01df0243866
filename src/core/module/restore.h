// RestoreContext: what finishing a restore from a backup (app/restore.h) tells each module, and
// the margin estimate the modules' yearly counters share.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "core/base/time.h"

namespace tinhso {

// What finishing a restore from a backup asks of a module (app/restore.h): the numbers it
// issued after `taken_at` (dossier codes, register numbers) are not in the restored database,
// and issuing them again would give two records one number people already hold.
struct RestoreContext {
  Instant taken_at;  // when the backup was taken
  Instant now;
  // The least number of numbers to skip in every counter (`--margin`); each module estimates
  // what it issued since from its own pace and skips the larger (docs/operations.md says how).
  std::optional<int64_t> margin;
  // Codes known to have been issued after the backup (the national portal's, receipts); each
  // module takes those it recognises, marks them, and moves its counters past them. Lines that
  // no module recognises are refused (a wrong file would otherwise move nothing).
  std::span<const std::string> issued;
  std::function<void(std::size_t)> recognise = [](std::size_t) {};
};

// How far to move a counter that restarts each year (register numbers, feedback codes) that
// had reached `this_year` by the backup and `last_year` over the year before: twice what the
// faster of the two years' paces issues in the days since the backup, at least 10 and at
// least the margin given. Last year's pace counts so that a backup early in January (or of a
// quiet unit) is not taken for a standstill.
int64_t yearly_margin(int64_t this_year, int64_t last_year, const RestoreContext& context);

}  // namespace tinhso
