// ReportingService's digital-government indicators: the figures gathered from the one-stop
// statistics, the document registers and the reports for a unit and a span of days, and the
// targets the province's administrators set (indicators.h, targets.h).
#include <fmt/format.h>

#include <algorithm>

#include "core/calendar/calendar_service.h"
#include "core/identity/actor_of.h"
#include "core/identity/org_tree.h"
#include "documents/statistics.h"
#include "onestop/stats.h"
#include "reporting/access.h"
#include "reporting/indicators.h"
#include "reporting/reports.h"
#include "reporting/service.h"
#include "reporting/targets.h"

namespace tinhso::reporting {
namespace {

using boost::json::object;

// At most this many periods of one regime are looked at: the ten years a span may cover, in
// months, and the year and a half before it.
constexpr int kMaxPeriods = 12 * 12;  // spans are at most 3,660 days (the route checks)

// The periods of `g` whose deadline falls in [from, to]: a report counts when it was due.
std::vector<Period> periods_due(const Regime& g, const calendar::WorkingCalendar& cal, Date from,
                                Date to) {
  std::vector<Period> out;
  auto consider = [&](const Period& p) {
    Date due = due_date(g, p, cal);
    if (due >= from && due <= to) out.push_back(p);
  };
  if (g.period_type == PeriodType::kOnce) {
    for (const auto& p : open_periods(g, to)) consider(p);
    return out;
  }
  // A deadline falls months after its period's window begins (a year's report: some weeks
  // after its 12 months): start a year and a half early and stop once windows begin past `to`.
  Period p = period_containing(g.period_type, add_days(from, -550), g.cutoff_day);
  for (int i = 0; i < kMaxPeriods && cutoff_window(p, g.cutoff_day).from <= to; ++i, p = next(p))
    consider(p);
  return out;
}

// Reports of the units in `unit`'s subtree due in [from, to]: sent through the system out of
// those expected (as completeness counts them: a period due before its regime was defined was
// never asked for, and counts only what was sent).
Result<Fraction> reports_sent(storage::Tx& tx, const identity::OrgTree& org,
                              const calendar::WorkingCalendar& cal, int64_t unit, Date from,
                              Date to) {
  TS_ASSIGN_OR_RETURN(auto regimes, load_regimes(tx));
  Fraction f;
  for (const auto& g : regimes) {
    if (!g.active) continue;
    std::vector<int64_t> reporters;
    for (int64_t u : reporters_of(g, org))
      if (org.within(u, unit)) reporters.push_back(u);
    if (reporters.empty()) continue;
    auto periods = periods_due(g, cal, from, to);
    if (periods.empty()) continue;
    TS_ASSIGN_OR_RETURN(auto by_key, reports_by_key(tx, g.id, periods));
    for (const auto& p : periods) {
      bool asked = asked_for(g, due_date(g, p, cal));
      for (int64_t u : reporters) {
        auto it = by_key.find({p.id(), u});
        bool sent = it != by_key.end() && it->second.submitted_at.has_value();
        if (asked || sent) ++f.denominator;
        if (sent) ++f.numerator;
      }
    }
  }
  return f;
}

}  // namespace

Result<object> ReportingService::indicators(const identity::Principal& who, int64_t unit, Date from,
                                            Date to) {
  TS_TRY(check_indicators(s_.authorizer, who, unit));
  auto org = s_.org.get();
  const auto* info = org->find(unit);
  if (info == nullptr) return Error::not_found("Không tìm thấy đơn vị.");
  auto cal = s_.calendar.get();
  Instant now = s_.clock.now();
  // Reports count once their deadline has passed: one due later today may still come.
  Date reports_to = std::min(to, add_days(local_date(now), -1));
  return s_.db.read([&](storage::Tx& tx) -> Result<object> {
    Measured m;
    onestop::StatsQuery q;
    q.agency_id = unit;
    q.from = from;
    q.to = to;
    // The unit answers for the work it holds today, its predecessors' included.
    q.todays_boundaries = true;
    TS_ASSIGN_OR_RETURN(auto rows,
                        onestop::compute_stats(tx, q, *org, now, cal->rules().seconds_per_day()));
    if (!rows.empty()) {
      const auto& r = rows.front();
      auto get = [&](const char* k) {
        auto it = r.counters.find(k);
        return it == r.counters.end() ? int64_t{0} : it->second;
      };
      m["onestop.online"] = {get("received_online"), get("received")};
      m["onestop.on_time"] = {get("finished_early") + get("finished_on_time"), r.finished()};
      m["onestop.satisfaction"] = {get("ratings_satisfied"), get("ratings")};
      m["onestop.online_payment"] = {get("fees_paid_online"), get("fee_dossiers")};
      m["onestop.digitised_results"] = {get("results_digitised"), r.finished()};
    }
    TS_ASSIGN_OR_RETURN(auto docs, documents::document_stats(tx, *org, unit, from, to, now));
    auto total = documents::make_report(from, to, std::move(docs)).total;
    m["documents.electronic"] = {total.incoming_electronic + total.outgoing_electronic,
                                 total.incoming + total.outgoing};
    m["documents.signed"] = {total.outgoing_signed, total.outgoing};
    if (reports_to >= from) {
      TS_ASSIGN_OR_RETURN(m["reporting.sent"],
                          reports_sent(tx, *org, *cal, unit, from, reports_to));
    }
    TS_ASSIGN_OR_RETURN(auto targets, load_targets(tx));
    object o = indicators_json(m, targets);
    o["unit"] = object{{"id", unit}, {"name", info->name}};
    auto roots = org->roots();
    o["can_set_targets"] = !roots.empty() && check_manage(s_.authorizer, who, roots.front()).ok();
    o["from"] = format_iso_date(from);
    o["to"] = format_iso_date(to);
    return o;
  });
}

Result<object> ReportingService::set_target(const identity::Principal& who,
                                            const audit::Actor& actor, std::string_view code,
                                            const boost::json::value& body) {
  auto roots = s_.org.get()->roots();
  if (roots.empty()) return Error::not_found("Chưa có cơ cấu tổ chức.");
  TS_ASSIGN_OR_RETURN(auto grant, check_manage(s_.authorizer, who, roots.front()));
  TS_ASSIGN_OR_RETURN(auto t, read_target(code, body));
  return s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Result<object> {
    identity::authorised_by(tx, std::optional<identity::Grant>(grant));
    TS_ASSIGN_OR_RETURN(auto before, load_targets(tx.sql()));
    TS_TRY(save_target(tx.sql(), t, tx.now_ms()));
    object change{{"percent", t.percent}, {"source", t.source}};
    if (auto it = before.find(t.indicator); it != before.end())
      change["before"] = object{{"percent", it->second.percent}, {"source", it->second.source}};
    TS_TRY(tx.record("reporting.target.set", "reporting_target", t.indicator, std::move(change)));
    Target stored = t;
    stored.updated_at = tx.now_ms();
    return target_json(stored);
  });
}

Status ReportingService::remove_target(const identity::Principal& who, const audit::Actor& actor,
                                       std::string_view code) {
  auto roots = s_.org.get()->roots();
  if (roots.empty()) return Error::not_found("Chưa có cơ cấu tổ chức.");
  TS_ASSIGN_OR_RETURN(auto grant, check_manage(s_.authorizer, who, roots.front()));
  if (find_indicator(code) == nullptr) return Error::not_found("Không có chỉ tiêu này.");
  return s_.changes.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    identity::authorised_by(tx, std::optional<identity::Grant>(grant));
    TS_ASSIGN_OR_RETURN(auto before, load_targets(tx.sql()));
    auto it = before.find(code);
    if (it == before.end()) return Error::not_found("Chỉ tiêu này chưa có mức đặt ra.");
    TS_TRY(reporting::remove_target(tx.sql(), code));
    return tx.record(
        "reporting.target.remove", "reporting_target", std::string(code),
        object{{"before", object{{"percent", it->second.percent}, {"source", it->second.source}}}});
  });
}

}  // namespace tinhso::reporting
