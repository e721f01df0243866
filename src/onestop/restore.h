// After a restore from a backup: dossier codes issued after the backup was taken are on people's
// receipts (and at the national portal) but not in the restored database. The counters of every
// agency are moved past them for each day from the backup's day to today, so that no code is
// issued twice (ModuleDef::after_restore; docs/operations.md).
#pragma once

#include <string>

#include "core/audit/change_log.h"
#include "core/base/result.h"
#include "core/module/restore.h"

namespace tinhso::onestop {

Result<std::string> move_codes_after_restore(audit::ChangeTx& tx, const RestoreContext& context);

}  // namespace tinhso::onestop
