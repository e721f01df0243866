// The nightly open / overdue snapshot: statistics of a past period read how many dossiers were
// still in progress, and how many of those overdue, at the end of its last day from
// dossier_open_snapshots. A background thread writes each finished day once, and catches up on
// the days missed while the server was stopped.
#pragma once

#include "core/base/periodic_task.h"
#include "core/base/result.h"
#include "core/base/time.h"
#include "core/storage/sql.h"

namespace tinhso::onestop {

// settings key holding the last day (ISO date) whose snapshot has been written.
inline constexpr std::string_view kSnapshotsThroughKey = "onestop.snapshots_through";

// Writes the snapshots of the finished days after the recorded one, through yesterday, and
// records yesterday; returns the number of days written (0 when up to date). Without a record
// it starts after the newest snapshot present, or at yesterday on an empty table (older days
// come from `tinhso stats rebuild`).
Result<int> write_missing_snapshots(storage::Database& db, Instant now);

class DailySnapshots {
 public:
  DailySnapshots(storage::Database& db, const Clock& clock);

  // Runs a pass now and then every ten minutes (cheap when up to date) until stop().
  void start() { task_.start(); }
  void stop() { task_.stop(); }

 private:
  PeriodicTask task_;
};

}  // namespace tinhso::onestop
