// After a restore from a backup: feedback codes (PAKN-<year>-<n>) after the backup was taken are
// not in the restored database; their counters are moved past them (ModuleDef::after_restore,
// docs/operations.md).
#pragma once

#include <string>

#include "core/audit/change_log.h"
#include "core/base/result.h"
#include "core/module/restore.h"

namespace tinhso::feedback {

Result<std::string> move_counters_after_restore(audit::ChangeTx& tx, const RestoreContext& context);

}  // namespace tinhso::feedback
