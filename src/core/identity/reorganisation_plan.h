// A reorganisation plan (sắp xếp đơn vị hành chính): on its effective day some units end and
// name their successors (a merge is several units ending into one, a split one unit ending
// into several), new units begin, and others continue moved, renamed or re-coded. The plan is
// read from JSON and checked against the organisation tree without touching the database, so
// the dry run, the API and the command line report the same problems, every one at once.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/base/result.h"
#include "core/base/time.h"
#include "core/identity/org_tree.h"

namespace tinhso::identity {

// A unit the plan creates.
struct PlannedUnit {
  std::string code, name, short_name, level, kind, parent_code;
  std::optional<std::string> address, phone, email;
};

// A unit that ends on the eve of the effective day.
struct PlannedEnd {
  std::string code;
  std::vector<std::string> successors;  // codes of units in force or created by the plan
  std::string work_to;                  // the successor taking its open work (a successor)
  // Where its officials (and role grants on it) go. A person decides: without it, a unit that
  // still has officials cannot end.
  std::optional<std::string> staff_to;
  // Where the plan said it ("merges[0]", "splits[1]", "ends[2]"), for its problems.
  std::string source;
};

// A unit that continues: moved under another parent, renamed, re-coded.
struct PlannedChange {
  std::string code;
  std::optional<std::string> parent_code, new_code, name, short_name;
};

struct ReorganisationPlan {
  std::string title;        // "Sắp xếp đơn vị hành chính cấp xã năm 2025"
  std::string legal_basis;  // the resolution or decision: "Nghị quyết số …/NQ-UBTVQH15"
  Date effective_on;        // the first day of the new organisation
  std::vector<PlannedUnit> new_units;
  std::vector<PlannedEnd> ends;
  std::vector<PlannedChange> changes;

  boost::json::object to_json() const;
};

// Reads a plan: {"title", "legal_basis", "effective_on", "new_units": […],
// "merges": [{"units": [codes], "into": code, "staff_to"}],
// "splits": [{"unit", "into": [codes], "work_to", "staff_to"}],
// "ends": [{"unit", "successors": [codes], "work_to", "staff_to"}],
// "changes": [{"unit", "parent_code", "code", "name", "short_name"}]}. Merges and splits become
// ends. Malformed fields: 422 with every field's problem.
Result<ReorganisationPlan> read_plan(const boost::json::value& v);

// A problem of a plan: where in the plan (e.g. "ends[2].successors"), a machine code, and a
// Vietnamese message naming the unit.
struct PlanProblem {
  std::string where, code, message;
};

// What the database holds at a unit the plan ends.
struct UnitLoad {
  int64_t open_work = 0;  // open dossiers, documents waiting, open tasks, …
  int64_t officials = 0;  // active officials whose unit it is
};

// Every problem of `plan` against `org` (the tree today): unknown or already ended units, a
// unit ended twice (overlapping merges), successors missing or ending themselves, officials
// without a decision, sub-units left under an ended unit, codes in use, levels and kinds,
// cycles and rank inversions after the moves, an effective day in the past (allowed with
// `backdate`, for recording a reorganisation that already happened).
std::vector<PlanProblem> check_plan(const ReorganisationPlan& plan, const OrgTree& org, Date today,
                                    bool backdate,
                                    const std::unordered_map<int64_t, UnitLoad>& load);

// The plan with a new code for every sub-unit of a unit it re-codes (QCVN 102:2016: a unit's
// code extends its parent's): the sub-units it neither ends nor moves or re-codes itself keep
// their own levels under the parent's new ones (rebase_code), as explicit changes, so the dry
// run shows them and the stored plan applies them. A code that cannot be derived is left out;
// check_plan then reports that sub-unit's code as not fitting.
ReorganisationPlan with_sub_unit_codes(const ReorganisationPlan& plan, const OrgTree& org);

boost::json::array problems_json(const std::vector<PlanProblem>& problems);
// 422 reorganisation.invalid_plan with details {"problems": […]}.
Error plan_refused(const std::vector<PlanProblem>& problems);

}  // namespace tinhso::identity
