// RestoreContext: what finishing a restore from a backup (app/restore.h) tells each module, and
// the margin estimate the modules' yearly counters share.
#pragma once

#include <cstdint>
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
  // Numbers to skip past what the database knows; nullopt: the module estimates from its own
  // busiest days (docs/operations.md says how).
  std::optional<int64_t> margin;
  // Codes known to have been issued after the backup (the national portal's, receipts); each
  // module takes those it recognises and moves its counters past them.
  std::span<const std::string> issued;
};

// How far to move a counter that restarts each year (register numbers, feedback codes) when
// it had reached `issued_by_backup` by the backup: the margin given, or twice what the year's
// pace up to the backup issues in the time since it, at least 10.
int64_t yearly_margin(int64_t issued_by_backup, const RestoreContext& context);

}  // namespace tinhso
