// Document statistics per unit and period — the provinces' document indicators (e.g. Quảng
// Nam's annex 01): incoming documents and the share that arrived electronically (from inside
// the province's installation or from outside), outgoing documents issued and the share signed
// digitally by the agency and sent electronically, and incoming documents handled on time.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/base/time.h"
#include "core/export/xlsx.h"
#include "core/identity/org_tree.h"
#include "core/storage/sql.h"

namespace tinhso::documents {

struct DocumentStatsRow {
  int64_t unit_id = 0;
  std::string unit_name;
  int64_t incoming = 0, incoming_electronic = 0, incoming_from_outside = 0;
  int64_t outgoing = 0, outgoing_signed = 0, outgoing_electronic = 0;
  int64_t handled_on_time = 0, handled_late = 0, open_overdue = 0;
};

// Registers of `unit_id` and the units below it that had documents in [from, to] (local
// dates, inclusive); overdue is judged at the period's end or now, whichever is earlier.
Result<std::vector<DocumentStatsRow>> document_stats(storage::Tx& tx, const identity::OrgTree& org,
                                                     int64_t unit_id, Date from, Date to,
                                                     Instant now);

// A period's rows and their total, as the indicators are read and exported.
struct DocumentStatsReport {
  Date from, to;
  std::vector<DocumentStatsRow> rows;
  DocumentStatsRow total;
};
DocumentStatsReport make_report(Date from, Date to, std::vector<DocumentStatsRow> rows);

// Views (statistics_view.cc): shares in percent truncated to tenths, none when the whole is 0.
boost::json::object stats_json(const DocumentStatsReport& r);
xlsx::Sheet stats_sheet(const DocumentStatsReport& r);

}  // namespace tinhso::documents
