#include "reporting/targets.h"

namespace tinhso::reporting {

Result<Targets> load_targets(storage::Tx& tx) {
  TS_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT indicator, percent, source, updated_at FROM reporting_targets"));
  Targets out;
  for (auto r : rows) {
    Target t{r.str(0), r.f64(1), r.str(2), r.i64(3)};
    out.emplace(t.indicator, std::move(t));
  }
  return out;
}

Status save_target(storage::Tx& tx, const Target& t, int64_t now_ms) {
  TS_TRY(tx.exec(
      "INSERT INTO reporting_targets (indicator, percent, source, updated_at) VALUES ($1, $2, "
      "$3, $4) ON CONFLICT (indicator) DO UPDATE SET percent = excluded.percent, source = "
      "excluded.source, updated_at = excluded.updated_at",
      {t.indicator, t.percent, t.source, now_ms}));
  return ok_status();
}

Result<bool> remove_target(storage::Tx& tx, std::string_view indicator) {
  TS_ASSIGN_OR_RETURN(int64_t n, tx.exec("DELETE FROM reporting_targets WHERE indicator = $1",
                                         {std::string(indicator)}));
  return n > 0;
}

}  // namespace tinhso::reporting
