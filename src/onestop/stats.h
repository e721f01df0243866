// One-stop statistics: per agency (with its sub-units), sector, procedure, level, channel and
// period — received, carried over, resolved early / on time / late, in progress (not yet due /
// overdue), supplement requests, refused, withdrawn; on-time rate, online rate, average
// processing time, satisfaction. Read from the incremental counters (never a scan of the
// dossiers), except the overdue count of the current day, which comes from the open dossiers'
// index.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/calendar/working_calendar.h"
#include "core/identity/org_tree.h"
#include "core/storage/query_builder.h"
#include "core/storage/sql.h"

namespace tinhso::onestop {

struct StatsQuery {
  int64_t agency_id = 0;          // with every unit below it
  Date from, to;                  // inclusive, local dates
  std::string group_by = "none";  // none | agency | sector | procedure | level | channel
  std::optional<std::string> channel;
  std::optional<int64_t> sector_id, procedure_id;
  // Today's boundaries: the figures of units reorganised away count with the unit that took
  // over their work (unit_folds), over the whole period. Otherwise the boundaries of the time:
  // each figure stays with the unit that recorded it.
  bool todays_boundaries = false;
};

struct StatsRow {
  std::string key;                          // group key ("" for none)
  std::string label;                        // Vietnamese
  std::map<std::string, int64_t> counters;  // dossier_stats columns, summed over the period
  int64_t carried_over = 0;
  int64_t in_progress = 0;
  std::optional<int64_t> in_progress_overdue;  // unknown for past days without a snapshot

  int64_t finished() const;
  boost::json::object to_json() const;
};

// `seconds_per_day` converts average processing time to working days.
Result<std::vector<StatsRow>> compute_stats(storage::Tx& tx, const StatsQuery& q,
                                            const identity::OrgTree& org, Instant now,
                                            int64_t seconds_per_day);

// "(SELECT unit_id …)": the units of `unit`'s subtree, for "column IN …". By today's boundaries
// with every unit reorganised into one of them and without those reorganised away (they stay in
// the tree for history).
std::string units_within(storage::QueryBuilder& b, int64_t unit, bool todays_boundaries);

// Rebuilds every counter from the dossiers and their timelines (repair and demo data). Must be
// the first work of its write transaction: on PostgreSQL it makes the transaction see one
// snapshot, so that it discards exactly the deltas whose dossiers it recounts while servers keep
// running (later transitions' deltas are folded as usual).
Status rebuild_stats(storage::Tx& tx);
// Rebuilds the open / overdue snapshots of each day in [from, to] in one pass over the dossiers.
Status rebuild_open_snapshots(storage::Tx& tx, Date from, Date to);

}  // namespace tinhso::onestop
