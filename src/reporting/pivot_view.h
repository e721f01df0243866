// The province-wide pivot of one cell (ReportingService::pivot) as an Excel sheet: a row per
// unit, a column per period, each unit's total over the periods, and the periods' totals.
#pragma once

#include <boost/json.hpp>

#include "core/export/xlsx.h"

namespace tinhso::reporting {

// `pivot` as the service returns it.
xlsx::Sheet pivot_sheet(const boost::json::object& pivot);

}  // namespace tinhso::reporting
