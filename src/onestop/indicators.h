// The service-quality indicators of QĐ 766/QĐ-TTg (2022): groups of criteria computed from
// the one-stop statistics, each scored as points × min(1, value / target). Groups, weights and
// targets are data (resources/onestop/qd766-indicators.json), not code.
#pragma once

#include <boost/json/object.hpp>

#include "core/base/result.h"
#include "onestop/stats.h"

namespace tinhso::onestop {

struct IndicatorInputs {
  boost::json::object rates;  // StatsRow::to_json() of the agency over the period
  int64_t procedures = 0;     // procedures the agency performs
  int64_t full_online_procedures = 0;
};

// {"total": points, "max": 100, "groups": [{key, label, points, max, criteria: [...]}]}
Result<boost::json::object> compute_indicators(const IndicatorInputs& in);

}  // namespace tinhso::onestop
