// The dossier lifecycle: which actions exist, who may take them, in which states, and what
// each one changes — status, step, unit, deadlines, the timeline row, statistics counters and
// notices to the applicant. Pure: no database, no clock of its own; DossierService applies the
// result inside one transaction.
//
//   submitted ──receive──▶ in_progress ──forward/send_back──▶ … ──approve──▶ done ──return──▶
//   returned
//       │  ╲desk_supplement╲                │ request_supplement / request_fees / suspend  (clock
//       paused) │    ▶ supplement_requested ─supply─▶ (back where it was) ╰─desk_refuse─▶
//       not_received        ╰─refuse / withdraw─▶ stopped
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/calendar/working_calendar.h"
#include "core/identity/authorizer.h"
#include "onestop/dossier.h"
#include "onestop/permissions.h"
#include "onestop/procedure.h"

namespace tinhso::onestop {

enum class Action {
  kReceive,
  kDeskSupplement,
  kDeskRefuse,
  kAssign,
  kForward,
  kSendBack,
  kRequestSupplement,
  kSupply,
  kRequestFees,
  kPayFees,
  kSuspend,
  kResume,
  kRefuse,
  kApprove,
  kReturnResult,
  kWithdraw,
  kApology,
  kRate,
};

inline constexpr Action kAllActions[] = {Action::kReceive,
                                         Action::kDeskSupplement,
                                         Action::kDeskRefuse,
                                         Action::kAssign,
                                         Action::kForward,
                                         Action::kSendBack,
                                         Action::kRequestSupplement,
                                         Action::kSupply,
                                         Action::kRequestFees,
                                         Action::kPayFees,
                                         Action::kSuspend,
                                         Action::kResume,
                                         Action::kRefuse,
                                         Action::kApprove,
                                         Action::kReturnResult,
                                         Action::kWithdraw,
                                         Action::kApology,
                                         Action::kRate};

std::string_view action_name(Action a);
std::optional<Action> parse_action(std::string_view s);
std::string_view action_label_vi(Action a);

struct ActionInput {
  Action action = Action::kForward;
  std::string note;                    // reason or comment (required for refusals, supplements)
  std::optional<int64_t> assignee_id;  // assign, forward, send_back: the person in the target unit
  std::optional<int64_t> to_step;      // send_back: which earlier step
  std::vector<std::string> items;      // supplement requests: what to add or correct
  std::optional<int64_t> fee_amount;   // request_fees
  std::string payment_reference;       // pay_fees
  std::optional<int64_t> result_file_id;  // approve
  std::string result_note;                // approve
  std::string return_method;              // return_result: desk | post | online (default: asked)
  std::string postal_tracking;            // return_result by post: the item's tracking code
  std::optional<Instant> new_due;         // apology: the new appointment
  boost::json::object answers;  // rate: criterion → 0 (not satisfied), 1, 2 (very satisfied)
  boost::json::value papers_received;  // receive: papers checked at the desk
};

struct World {
  const ProcedureDef& def;
  const identity::OrgTree& org;
  const calendar::WorkingCalendar& cal;
  Instant now;
  int64_t warning_seconds = 8 * 3600;
};

// Who must act: an official holding `permission` in `unit`, or the applicant who owns the
// dossier, or either.
struct Requirement {
  bool official = false;
  identity::Permission permission = onestop::kReceiveDossier;
  int64_t unit = 0;
  bool applicant = false;
};
Requirement requirement(const Dossier& d, Action a, const World& w);
bool satisfies(const Requirement& r, const identity::Principal& who, const Dossier& d,
               const identity::Authorizer& authz);

struct StatsDelta {
  std::string counter;  // a column of dossier_stats
  int64_t amount = 1;
};

struct Transition {
  Dossier after;
  DossierEvent event;
  std::vector<StatsDelta> stats;
  std::vector<std::string> notices;  // received | supplement | refused | result_ready | apology
};

// Validates the action against the dossier's state and the input, and computes the outcome.
// Does not check who is acting (see requirement/satisfies).
Result<Transition> apply_action(const Dossier& before, const ActionInput& in,
                                const identity::Principal* who, const World& w);

// Actions `who` may take now (for the buttons people see).
std::vector<Action> available_actions(const Dossier& d, const identity::Principal& who,
                                      const World& w, const identity::Authorizer& authz);

identity::Permission permission_for(identity::Role step_role);

// The satisfaction criteria (resources/onestop/rating-criteria.json): key and Vietnamese label.
struct Criterion {
  std::string key, label;
};
const std::vector<Criterion>& rating_criteria();

}  // namespace tinhso::onestop
