// The reporting module's repository: forms (versioned by code), regimes, reports with their
// cells and timelines. Parameterised SQL inside the caller's transaction.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/storage/sql.h"
#include "reporting/form.h"
#include "reporting/lifecycle.h"
#include "reporting/regimes.h"

namespace tinhso::reporting {

// Stores `f` as the next version of its code and returns that version.
Result<int64_t> insert_form(storage::Tx& tx, const FormDef& f, int64_t now_ms);
Result<std::optional<FormDef>> load_form(storage::Tx& tx, std::string_view code, int64_t version);
// The latest version of every form.
Result<std::vector<FormDef>> load_latest_forms(storage::Tx& tx);

// 409 reporting.regime_exists when the code is taken.
Result<int64_t> insert_regime(storage::Tx& tx, const Regime& g, int64_t now_ms);
// False when the regime is not at `g.version`.
Result<bool> update_regime(storage::Tx& tx, const Regime& g, int64_t now_ms);
Result<std::optional<Regime>> load_regime(storage::Tx& tx, int64_t id);
Result<std::vector<Regime>> load_regimes(storage::Tx& tx);

struct Report {
  int64_t id = 0;
  int64_t regime_id = 0;
  std::string period;
  int64_t unit_id = 0;
  int64_t form_version = 0;
  ReportStatus status = ReportStatus::kNone;
  std::string comment;
  std::optional<std::string> return_reason;
  int64_t due_at = 0;
  std::optional<int64_t> unlocked_until;
  std::optional<int64_t> submitted_at;
  std::optional<bool> on_time;
  std::optional<int64_t> approved_at;
  std::optional<std::string> approved_by;
  int64_t version = 0;  // 0: no row yet
  // The version the last sending made (its signatures carry it); none before migration 0006.
  std::optional<int64_t> sent_version;
  // Levels that approved since the last sending (0 … approval_levels(regime)); the next
  // approval is approver_at(regime, approved_levels)'s.
  int approved_levels = 0;
};

// Whether any report of the regime exists (its shape may then no longer change).
Result<bool> has_reports(storage::Tx& tx, int64_t regime_id);
Result<std::optional<Report>> find_report(storage::Tx& tx, int64_t regime_id,
                                          std::string_view period, int64_t unit_id);
// Every report of a regime for some periods (completeness, aggregates).
Result<std::vector<Report>> reports_of(storage::Tx& tx, int64_t regime_id,
                                       const std::vector<std::string>& periods);
// The same, for whole periods, found by (period id, unit).
using ReportsByKey = std::map<std::pair<std::string, int64_t>, Report>;
Result<ReportsByKey> reports_by_key(storage::Tx& tx, int64_t regime_id,
                                    const std::vector<Period>& periods);
// Inserts `r` (version 1) and returns its id.
Result<int64_t> insert_report(storage::Tx& tx, const Report& r, int64_t now_ms);
// Writes `r` if it is still at `r.version` (raised by one); false otherwise.
Result<bool> update_report(storage::Tx& tx, const Report& r, int64_t now_ms);

Result<Values> load_values(storage::Tx& tx, int64_t report_id);
Status replace_values(storage::Tx& tx, int64_t report_id, const Values& v);

struct ReportEvent {
  int64_t at = 0;
  std::string action, status_from, status_to;
  std::optional<int64_t> actor_id;
  std::string actor_name, note;
  std::optional<int64_t> unit_id;  // an approval or return: the level's unit it was given for
};
Status insert_report_event(storage::Tx& tx, int64_t report_id, const ReportEvent& e);
Result<std::vector<ReportEvent>> load_report_events(storage::Tx& tx, int64_t report_id);

// Drops from a regime's approval chain the units already in it earlier (the receiver first):
// what a reorganisation leaves when a unit ends into another of the chain. True if it changed.
Result<bool> normalise_approvers(storage::Tx& tx, int64_t regime_id);
// After a regime's approval chain changed (its receiver or a level): every report of it sent and
// not yet approved waits for the first level again (a report never skips a level, nor is an
// approval credited to a unit that did not give it), and those a level had endorsed get `e` in
// their timeline. Returns how many were endorsed.
Result<int64_t> restart_approvals(storage::Tx& tx, int64_t regime_id, const ReportEvent& e);

// What passes up when a report's last level approves it: its stored numbers, into the store
// pivots and aggregates read (replacing what an earlier approval left); and what a reopening
// withdraws.
Status pass_up(storage::Tx& tx, const Report& r);
Status withdraw(storage::Tx& tx, int64_t report_id);

// The approved reports of a regime over some periods (in order) and units (all when `units` is
// empty) added up by `f`: each entered number cell by its column's aggregation — `sum` over units
// and periods; `first` / `last` over units of each unit's earliest / latest period (a stock such
// as what was carried over or is still in progress); `none` not at all — then the computed
// columns and total rows computed again. Cells of older form versions count where their row and
// column codes are still in `f`. With `endorsed_levels` (≥ 1), the reports the first that many
// approval levels have approved, whether or not the last has (a department's own total of what
// it endorsed, before the province approves), read from the reports' values; without it, the
// approved store (reporting_approved).
Result<Values> approved_sums(storage::Tx& tx, const FormDef& f, int64_t regime_id,
                             const std::vector<std::string>& periods,
                             const std::vector<int64_t>& units,
                             std::optional<int> endorsed_levels = std::nullopt);

// One number cell of the approved reports of a regime over some periods: (unit, period, value),
// the cells left empty absent. The province-wide pivot (service.h) reads it.
struct CellValueAt {
  int64_t unit_id = 0;
  std::string period;
  double value = 0;
};
Result<std::vector<CellValueAt>> approved_cell(storage::Tx& tx, int64_t regime_id,
                                               const std::vector<std::string>& periods,
                                               std::string_view row, std::string_view column);

}  // namespace tinhso::reporting
