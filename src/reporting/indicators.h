// The province's digital-government indicators (chỉ tiêu chính quyền số) measured live from
// tinhso's own records, against the targets the province's plan sets: the share of dossiers
// received online, resolved on time, rated satisfied, paid online, with a digitised result; of
// documents exchanged electronically and signed digitally; of periodic reports sent through the
// reporting system. The catalogue and the judgement are here (pure); the figures come from the
// one-stop statistics, the document registers and the reports (indicator_service.cc); targets are
// data the province's administrators set (targets.h). docs/reporting.md, "Digital-government
// indicators".
#pragma once

#include <boost/json.hpp>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/base/time.h"

namespace tinhso::reporting {

struct IndicatorDef {
  std::string_view code;         // "onestop.online", …
  std::string_view label;        // Vietnamese, as plans word it
  std::string_view numerator;    // what is counted (Vietnamese)
  std::string_view denominator;  // out of what (Vietnamese)
};
std::span<const IndicatorDef> indicator_defs();
const IndicatorDef* find_indicator(std::string_view code);

// A measured share: `numerator` out of `denominator` (no share when the denominator is 0).
struct Fraction {
  int64_t numerator = 0, denominator = 0;
};
using Measured = std::map<std::string, Fraction, std::less<>>;

// A target the province set for an indicator: at least `percent` %, with the plan that sets it.
struct Target {
  std::string indicator;
  double percent = 0;
  std::string source;
  int64_t updated_at = 0;  // ms
};
using Targets = std::map<std::string, Target, std::less<>>;

// PUT …/indicator-targets/{code}: {"percent": 0–100, "source": "…"}; every problem at once.
Result<Target> read_target(std::string_view code, const boost::json::value& body);
boost::json::object target_json(const Target& t);

// The dashboard: every indicator of the catalogue in its order, its share (a fraction of 1,
// null without a denominator), its target and whether the share meets it (null without a
// share or a target), and how many of those with a share and a target are met.
boost::json::object indicators_json(const Measured& measured, const Targets& targets);

}  // namespace tinhso::reporting
