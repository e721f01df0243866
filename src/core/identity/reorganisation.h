// Reorganiser: carries out reorganisation plans (reorganisation_plan.h) — the dry run, accepting
// a plan, applying it on its day, resuming an interrupted apply, and cancelling a plan whose day
// has not come.
//
// Applying runs in two parts. First, in one transaction, the units: new units are created,
// continuing units moved, renamed and re-coded (old codes kept in unit_former_codes), ended
// units made inactive with their last day, their successors recorded (unit_successions) and
// folded (unit_folds) for statistics by today's boundaries. Then the open work, by the modules'
// movers (unit_movers.h), in batches of `batch_size`, each batch its own audited transaction.
// Each part is safe to run again: a crash, a second node or a second call finishes the work
// and never moves an item twice, and no item is ever in two units or in none.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/actor.h"
#include "core/base/result.h"
#include "core/base/time.h"
#include "core/identity/reorganisation_plan.h"
#include "core/identity/unit_movers.h"
#include "core/services.h"

namespace tinhso::identity {

struct Reorganisation {
  int64_t id = 0;
  std::string title, legal_basis;
  Date effective_on;
  std::string status;  // scheduled | applying | applied | cancelled
  std::string step;    // "" (units not yet changed) | "moves" | "done"
  boost::json::object plan, report;
  int64_t moved = 0, to_move = 0;
  std::optional<int64_t> created_by;
  int64_t created_at = 0, updated_at = 0, version = 1;
  std::optional<int64_t> applied_at;

  boost::json::object to_json() const;
};

std::string_view reorganisation_status_label_vi(std::string_view status);

class Reorganiser {
 public:
  Reorganiser(Services& s, std::vector<UnitMover> movers, int64_t batch_size = 2000);

  // What `plan` would do today — units created, ended and changed (with the sub-units of a
  // re-coded unit re-coded from it: with_sub_unit_codes); per ended unit the items that move
  // and where; officials needing a decision — and every problem. Changes nothing.
  Result<boost::json::object> dry_run(const ReorganisationPlan& plan, bool backdate);
  // Accepts a plan: 422 reorganisation.invalid_plan listing every problem and nothing written;
  // otherwise it is recorded. When its day has come it is applied before returning with
  // `apply_now` (the command line), else by the background pass, woken at once (the API).
  Result<Reorganisation> submit(const audit::Actor& actor, const ReorganisationPlan& plan,
                                bool backdate, bool apply_now);
  // Applies or resumes an accepted plan whose day has come (409 before it). `max_batches`
  // stops after that many batches of moves (tests interrupt an apply with it); -1: to the end.
  Result<Reorganisation> apply(const audit::Actor& actor, int64_t id, int max_batches = -1);
  // Asks the background pass to apply (or resume) a plan whose day has come; 409 when it is
  // cancelled or its day has not come.
  Result<Reorganisation> request_apply(int64_t id);
  // Undoes an accepted plan before its day (409 once it is applying or applied).
  Result<Reorganisation> cancel(const audit::Actor& actor, int64_t id);
  Result<Reorganisation> get(int64_t id);
  Result<std::vector<Reorganisation>> list();
  // Applies every accepted plan whose day has come, and resumes interrupted ones.
  Status apply_due();
  // The background pass that calls apply_due() (App's), woken by wake(); none: wake() does
  // nothing and plans wait for the command line.
  void set_waker(std::function<void()> wake) { wake_ = std::move(wake); }
  void wake() {
    if (wake_) wake_();
  }

 private:
  struct Load;
  Result<Load> load_of(const ReorganisationPlan& plan, const OrgTree& org);
  // The dry run's report, with the problems it lists.
  Result<boost::json::object> report_of(const ReorganisationPlan& plan, bool backdate,
                                        std::vector<PlanProblem>& problems);
  // 409 when `r` is cancelled or its day has not come.
  Status check_due(const Reorganisation& r) const;
  // Units of `plan` that another accepted plan, not yet applied, also ends, changes or creates.
  Result<std::vector<PlanProblem>> overlaps(const ReorganisationPlan& plan);
  Status apply_units(const audit::Actor& actor, const Reorganisation& r,
                     const ReorganisationPlan& plan);
  // Moves one batch for `mover` from `from` to `to`; returns how many moved.
  Result<int64_t> move_batch(const audit::Actor& actor, int64_t id, const UnitMover& mover,
                             int64_t from, int64_t to);
  // Marks the plan applied once nothing is left at the units `moved` emptied (unit, mover).
  Result<Reorganisation> finish(const audit::Actor& actor, int64_t id,
                                const std::vector<std::pair<int64_t, const UnitMover*>>& moved);
  // Records in the plan's report why its apply was refused (report.apply_problems).
  Status note_blocked(int64_t id, const Error& problems);

  Services& s_;
  std::vector<UnitMover> movers_;
  int64_t batch_size_;
  std::function<void()> wake_;
};

}  // namespace tinhso::identity
