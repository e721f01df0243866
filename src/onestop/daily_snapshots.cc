#include "onestop/daily_snapshots.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "onestop/stats.h"

namespace tinhso::onestop {

Result<int> write_missing_snapshots(storage::Database& db, Instant now) {
  Date yesterday = add_days(local_date(now), -1);
  // Snapshots are derived data, like the counters: no audit entry; one transaction so that the
  // record and the rows agree.
  return db.write([&](storage::Tx& tx) -> Result<int> {
    TS_ASSIGN_OR_RETURN(
        auto rec, tx.query("SELECT value FROM settings WHERE key = $1", {kSnapshotsThroughKey}));
    std::optional<Date> through;
    if (!rec.empty()) {
      auto d = parse_iso_date(rec.front().view(0));
      if (d.ok()) through = *d;
    }
    if (!through) {
      TS_ASSIGN_OR_RETURN(auto newest,
                          tx.query("SELECT max(day) FROM dossier_open_snapshots WHERE day <= $1",
                                   {format_iso_date(yesterday)}));
      if (!newest.front().is_null(0)) {
        auto d = parse_iso_date(newest.front().view(0));
        if (d.ok()) through = *d;
      }
    }
    Date from = through ? add_days(*through, 1) : yesterday;
    int days = std::max(0, days_between(from, yesterday) + 1);
    if (days == 0 && !rec.empty()) return 0;
    if (days > 0) TS_TRY(rebuild_open_snapshots(tx, from, yesterday));
    TS_TRY(
        tx.exec("INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) "
                "ON CONFLICT (key) DO UPDATE SET value = $2, updated_at = $3",
                {kSnapshotsThroughKey, format_iso_date(yesterday), to_millis(now)}));
    return days;
  });
}

DailySnapshots::DailySnapshots(storage::Database& db, const Clock& clock)
    : task_(std::chrono::minutes(10), [&db, &clock] {
        auto n = write_missing_snapshots(db, clock.now());
        if (!n.ok())
          spdlog::warn("daily dossier snapshots: {}", n.error().describe());
        else if (*n > 0)
          spdlog::info("daily dossier snapshots: {} day(s) written", *n);
      }) {}

}  // namespace tinhso::onestop
