// Incremental statistics: every transition appends its deltas for the day and month counters of
// the dossier's agency, procedure and channel (and for the agency's month and year roll-ups) to
// dossier_stats_delta, in the transition's own transaction. StatsFolder moves them into the
// totals (dossier_stats) in the background; readers sum both (stats_source), so figures are
// exact at every moment.
//
// Why deltas: every submission to an agency changes the same few total rows (its month and year
// roll-ups). Updating them in place made concurrent PostgreSQL transactions queue on those rows'
// locks for their whole duration; appending rows takes no lock anyone else waits for.
#pragma once

#include <string>
#include <vector>

#include "core/base/periodic_task.h"
#include "onestop/dossier.h"
#include "onestop/lifecycle.h"

namespace tinhso::onestop {

// The counter columns of dossier_stats (and of dossier_stats_delta).
const std::vector<std::string>& stats_counters();

// Appends the deltas of one transition: one statement, whatever their number.
Status bump_stats(storage::Tx& tx, const Dossier& d, const std::vector<StatsDelta>& deltas,
                  Instant at);
// Open dossiers a reorganisation moves from agency `from` to `to` (`count` of one procedure and
// channel): counted out of `from` and into `to` on the day of `at`. Added to the totals, not as
// deltas: a node of the previous release, during a rolling upgrade, folds deltas by its own list
// of counters and would drop these. A reorganisation is an administrator's batch, never a hot row.
Status bump_moved_stats(storage::Tx& tx, int64_t from, int64_t to, int64_t procedure,
                        std::string_view channel, int64_t count, Instant at);
// Per-criterion rating counts for the month of `at`.
Status bump_rating_stats(storage::Tx& tx, int64_t agency, const boost::json::object& answers,
                         Instant at);

// A FROM item holding the statistics rows matching `where` in both the totals and the unfolded
// deltas: "(SELECT … FROM dossier_stats WHERE w UNION ALL SELECT … FROM dossier_stats_delta
// WHERE w) s". `where` may hold placeholders; it is used twice, so they bind the same values.
std::string stats_source(std::string_view where);

// Moves up to `limit` of the oldest deltas into the totals, in one transaction that deletes
// exactly the rows it adds. On PostgreSQL one fold runs at a time across nodes (a second one
// skips its turn rather than queueing behind the first). Returns the number of delta rows folded.
Result<int64_t> fold_stats_deltas(storage::Database& db, int limit);
// Waits until no fold runs and keeps folds out until the caller's transaction ends (PostgreSQL;
// SQLite's single writer needs nothing): `stats rebuild` deletes the deltas it recounts.
Status lock_stats_folding(storage::Tx& tx);

// The background pass: every second, folds until fewer than a batch remain.
class StatsFolder {
 public:
  explicit StatsFolder(storage::Database& db);
  void start() { task_.start(); }
  void stop() { task_.stop(); }

 private:
  PeriodicTask task_;
};

}  // namespace tinhso::onestop
