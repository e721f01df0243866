// CalendarService: the province's working calendar — configured working hours plus the
// official decisions recorded in the database (shipped ones seeded on first start, edited by
// administrators) — as a shared WorkingCalendar snapshot.
#pragma once

#include <memory>

#include "core/audit/change_log.h"
#include "core/calendar/working_calendar.h"
#include "core/storage/snapshot_cache.h"

namespace tinhso::calendar {

// Thread-safe: readers get an immutable WorkingCalendar snapshot (SnapshotCache); a reload
// swaps in a new one without disturbing those in use.
class CalendarService {
 public:
  static constexpr std::string_view kVersionKey = "calendar_version";

  CalendarService(storage::Database& db, WorkingTimeRules rules);

  std::shared_ptr<const WorkingCalendar> get() { return cache_.get(); }
  // Picks up another node's change (see storage::SnapshotCache::recheck).
  void recheck() { cache_.recheck(); }
  const WorkingTimeRules& rules() const { return rules_; }

  // Records the shipped decisions (resources/calendar/) for years the database lacks; never
  // overwrites a year an administrator has recorded. Returns the years added.
  Result<std::vector<int>> seed_shipped(audit::ChangeLog& log);
  // Years that have a recorded decision.
  Result<std::vector<int>> decided_years();
  // Replaces the decision for `y.year`.
  Status save_year(audit::ChangeLog& log, const audit::Actor& actor, const YearDays& y);
  // Removes the decision: the year falls back to the statutory computation.
  Status delete_year(audit::ChangeLog& log, const audit::Actor& actor, int year);

 private:
  storage::Database& db_;
  WorkingTimeRules rules_;
  storage::SnapshotCache<WorkingCalendar> cache_;
};

}  // namespace tinhso::calendar
