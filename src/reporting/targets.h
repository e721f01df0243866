// The repository of the indicators' targets (table reporting_targets): read all, set one,
// remove one. Callers audit (ReportingService).
#pragma once

#include "core/storage/sql.h"
#include "reporting/indicators.h"

namespace tinhso::reporting {

Result<Targets> load_targets(storage::Tx& tx);
// Sets `t` (updated at `now_ms`), replacing the indicator's target if it had one.
Status save_target(storage::Tx& tx, const Target& t, int64_t now_ms);
// Removes the indicator's target; false if it had none.
Result<bool> remove_target(storage::Tx& tx, std::string_view indicator);

}  // namespace tinhso::reporting
