// Incremental statistics: every transition adds its deltas to the day and month counters of
// the dossier's agency, procedure and channel (and to the agency's month roll-up), in the
// transition's own transaction.
#pragma once

#include <vector>

#include "onestop/dossier.h"
#include "onestop/lifecycle.h"

namespace tinhso::onestop {

// The counter columns of dossier_stats.
const std::vector<std::string>& stats_counters();

Status bump_stats(storage::Tx& tx, const Dossier& d, const std::vector<StatsDelta>& deltas,
                  Instant at);
// Per-criterion rating counts for the month of `at`.
Status bump_rating_stats(storage::Tx& tx, int64_t agency, const boost::json::object& answers,
                         Instant at);

}  // namespace tinhso::onestop
