#include "onestop/indicators.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "core/base/json.h"
#include "core/base/resources.h"

namespace tinhso::onestop {
namespace {

double round2(double v) {
  return std::round(v * 100) / 100;
}

std::optional<double> metric_value(const IndicatorInputs& in, std::string_view metric) {
  if (metric == "full_online_procedure_rate") {
    if (in.procedures == 0) return std::nullopt;
    return static_cast<double>(in.full_online_procedures) / static_cast<double>(in.procedures);
  }
  if (metric == "received_share") {
    // Every dossier we receive has its progress published to its applicant as it changes.
    const auto* r = in.rates.if_contains("received");
    if (r == nullptr || !r->is_int64() || r->as_int64() == 0) return std::nullopt;
    return 1.0;
  }
  const auto* v = in.rates.if_contains(metric);
  if (v == nullptr || v->is_null()) return std::nullopt;
  return v->to_number<double>();
}

}  // namespace

Result<boost::json::object> compute_indicators(const IndicatorInputs& in) {
  auto text = resources::get("resources/onestop/qd766-indicators.json");
  if (!text) return Error::internal("indicator definitions missing");
  TS_ASSIGN_OR_RETURN(auto doc, json::parse(*text));
  boost::json::array groups;
  double total = 0, max_total = 0, scored_max = 0;
  for (const auto& g : doc.at("groups").as_array()) {
    const auto& go = g.as_object();
    boost::json::array criteria;
    double points = 0, group_max = 0, group_scored_max = 0;
    for (const auto& c : go.at("criteria").as_array()) {
      const auto& co = c.as_object();
      double max = co.at("points").to_number<double>();
      double target = co.at("target").to_number<double>();
      auto value = metric_value(in, co.at("metric").as_string());
      group_max += max;
      boost::json::object out{
          {"key", co.at("key")}, {"label", co.at("label")}, {"max", max}, {"target", target}};
      if (value) {
        double p = max * std::min(1.0, target > 0 ? *value / target : 1.0);
        points += p;
        group_scored_max += max;
        out["value"] = round2(*value * 100) / 100;  // rate in [0, 1]
        out["points"] = round2(p);
      } else {
        // No data in the period (no dossier, no fee): the criterion is not scored.
        out["value"] = nullptr;
        out["points"] = nullptr;
      }
      criteria.push_back(std::move(out));
    }
    total += points;
    max_total += group_max;
    scored_max += group_scored_max;
    groups.push_back(boost::json::object{{"key", go.at("key")},
                                         {"label", go.at("label")},
                                         {"points", round2(points)},
                                         {"max", group_max},
                                         {"criteria", std::move(criteria)}});
  }
  return boost::json::object{{"total", round2(total)},
                             {"max", max_total},
                             {"scored_max", scored_max},
                             // Points over the criteria that had data, out of 100.
                             {"score", scored_max > 0 ? round2(total * 100 / scored_max) : 0.0},
                             {"groups", std::move(groups)}};
}

}  // namespace tinhso::onestop
