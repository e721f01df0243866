// Figures by reception point. Since 1 July 2025 any centre of the province receives any
// procedure (Nghị định 118/2025/NĐ-CP; docs/onestop.md "Figures by reception point"), so a
// centre's work is not its agencies' figures: it receives for other units and returns results
// that others produced. These figures count each dossier where it was received and each result
// where it was returned; the agency statistics (stats.h) count the same dossier once, with its
// competent agency. The two are never added together.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/time.h"
#include "core/identity/org_tree.h"
#include "core/storage/sql.h"

namespace tinhso::onestop {

struct ReceptionQuery {
  int64_t unit_id = 0;  // the points within this unit's subtree
  Date from, to;        // inclusive, local dates
  // Today's boundaries: a point reorganised away counts with its successor.
  bool todays_boundaries = false;
};

struct ReceptionRow {
  int64_t point_id = 0;
  std::string label;
  int64_t received = 0;
  int64_t online = 0, desk = 0, postal = 0;  // received, by channel
  // Received for the point's own agencies (those whose own desk it is) and for any other unit of
  // the province (reception regardless of administrative boundaries).
  int64_t for_own = 0, for_others = 0;
  int64_t returned = 0;  // results returned here, whoever produced them
  struct ForAgency {
    int64_t agency_id = 0;
    std::string label;
    int64_t received = 0;
  };
  std::vector<ForAgency> by_agency;  // competent agencies, most received first

  boost::json::object to_json() const;
};

// One row per reception point within the unit that is active on `today` or has figures in the
// period, in tree order; a total row (point_id 0) last. Reads the dossiers through the
// (point, time) indexes of migration onestop/0014.
Result<std::vector<ReceptionRow>> reception_point_stats(storage::Tx& tx, const ReceptionQuery& q,
                                                        const identity::OrgTree& org, Date today);

}  // namespace tinhso::onestop
