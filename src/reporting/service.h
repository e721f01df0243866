// ReportingService: forms and regimes as administrators define them; reports as reporting units
// prepare and send them and receiving units review, approve, return, reopen or unlock them;
// completeness and aggregates of a regime's period. Every change is one audited transaction
// (ChangeLog) and every decision about who may do what is access.h's.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/audit/actor.h"
#include "core/identity/principal.h"
#include "core/services.h"
#include "reporting/form.h"
#include "reporting/lifecycle.h"
#include "reporting/periods.h"
#include "reporting/regimes.h"
#include "reporting/report_signature.h"
#include "reporting/reports.h"

namespace tinhso::reporting {

// What a reporting unit or a receiver asks of one report.
struct ActionInput {
  ReportAction action = ReportAction::kSave;
  std::optional<boost::json::object> values;  // save / submit: the cells entered
  std::optional<std::string> comment;         // the reporter's explanation of warnings
  std::string reason;                         // return / reopen
  std::optional<Date> until;                  // unlock: entry allowed through this day
  std::string source;                         // save: where the figures came from (the timeline)
  int64_t version = 0;                        // the version read (0: not started)
};
// Every problem at once (422).
Result<ActionInput> read_action(const boost::json::value& body);

// Which reports an aggregate adds up: those approved by `level` (1: the receiver; none: the
// last level, whose approval passes the figures up) of the reporting units within `unit` (none:
// all of them).
struct AggregateScope {
  std::optional<int> level;
  std::optional<int64_t> unit;
};

class ReportingService {
 public:
  explicit ReportingService(Services& s) : s_(s) {}

  // Forms: a new code, or the next version of an existing one. Administrators of the
  // province (forms are shared by every regime).
  Result<boost::json::object> create_form(const identity::Principal& who, const audit::Actor& actor,
                                          const FormDef& f);
  Result<boost::json::array> forms(const identity::Principal& who);
  Result<boost::json::object> form(const identity::Principal& who, std::string_view code,
                                   int64_t version);

  Result<boost::json::object> create_regime(const identity::Principal& who,
                                            const audit::Actor& actor, const Regime& g);
  Result<boost::json::object> update_regime(const identity::Principal& who,
                                            const audit::Actor& actor, const Regime& g);
  // The regimes `who` reports under or receives, with the open periods of each and, for a
  // reporting unit, the state of its report in each.
  Result<boost::json::array> my_regimes(const identity::Principal& who);
  Result<boost::json::object> regime(const identity::Principal& who, int64_t id);

  // One unit's report of a period, as its preparers or the receiver's reviewers see it.
  Result<boost::json::object> report(const identity::Principal& who, int64_t regime_id,
                                     std::string_view period, int64_t unit);
  Result<boost::json::object> act(const identity::Principal& who, const audit::Actor& actor,
                                  int64_t regime_id, std::string_view period, int64_t unit,
                                  const ActionInput& in);
  // The report as an Excel workbook laid out like the form (workbook.h): the template its
  // preparers fill offline, a read-only copy for everyone else.
  Result<std::string> report_xlsx(const identity::Principal& who, int64_t regime_id,
                                  std::string_view period, int64_t unit);
  // A filled template uploaded: saved as the draft (a save, with the version the template was
  // made from), all cells or none.
  Result<boost::json::object> import_xlsx(const identity::Principal& who, const audit::Actor& actor,
                                          int64_t regime_id, std::string_view period, int64_t unit,
                                          std::string_view bytes);

  // Expected, submitted, on time, late, missing — by unit — for a regime's period (reviewers).
  Result<boost::json::object> completeness(const identity::Principal& who, int64_t regime_id,
                                           std::string_view period);
  // DHIS2 dataValueSets (dhis2.h): the stored values of a period's reports the caller may
  // see; and values pushed by a DHIS2 tool, saved as drafts report by report through `save`.
  Result<boost::json::object> data_value_set(const identity::Principal& who, int64_t regime_id,
                                             std::string_view period);
  struct ImportOptions {
    bool dry_run = false;
    bool atomic = true;  // DHIS2 atomicMode=ALL: nothing is saved when anything conflicts
  };
  Result<boost::json::object> import_data_value_set(const identity::Principal& who,
                                                    const audit::Actor& actor, int64_t regime_id,
                                                    const boost::json::value& body,
                                                    const ImportOptions& options);

  // The sums of the approved reports over every reporting unit for a period of the regime's
  // type or a larger one (month → quarter → six months → year, computed, not entered).
  Result<boost::json::object> aggregate(const identity::Principal& who, int64_t regime_id,
                                        std::string_view period_type, std::string_view period,
                                        const AggregateScope& scope = {});
  // One number cell of the approved reports, unit by unit and period by period from `from` (empty:
  // the twelve periods up to `to`) to `to` (at most 60 periods), with each unit's total over the
  // periods (by the column's aggregation) and each period's over the units: the province-wide
  // pivot (reviewers).
  Result<boost::json::object> pivot(const identity::Principal& who, int64_t regime_id,
                                    std::string_view cell, std::string_view from,
                                    std::string_view to);

  // The digital-government indicators (indicators.h) of `unit` with the units below it over
  // [from, to] (local dates), against the province's targets (the unit's reviewers).
  Result<boost::json::object> indicators(const identity::Principal& who, int64_t unit, Date from,
                                         Date to);
  // Sets (`body`: percent and source) or, with no body, removes an indicator's target
  // (administrators of the province).
  Result<boost::json::object> set_target(const identity::Principal& who, const audit::Actor& actor,
                                         std::string_view code, const boost::json::value& body);
  Status remove_target(const identity::Principal& who, const audit::Actor& actor,
                       std::string_view code);

 private:
  // Everything about one report a view or an action needs.
  struct Loaded {
    Regime regime;
    Period period;
    int64_t unit = 0;
    FormDef form;
    Report report;  // version 0: not started
    Values values;
    std::vector<ReportEvent> events;
    Date due;
    std::optional<Date> locks_after;
    std::optional<StoredSignature> signature;           // the unit's, on what it last sent
    std::optional<StoredSignature> personal_signature;  // the leader's who sent it
  };
  // The report as `who` may see it (404 otherwise, the same as for no report).
  Result<Loaded> load(const identity::Principal& who, int64_t regime_id, std::string_view period,
                      int64_t unit);
  Result<boost::json::object> view(const identity::Principal& who, const Loaded& l);
  // Why the report's figures cannot be entered now (an inactive regime, a period not begun, the
  // report's state, the lock), or nothing: what save refuses, known before saving.
  std::optional<std::string> entry_refusal(const Loaded& l) const;

  Services& s_;
};

}  // namespace tinhso::reporting
