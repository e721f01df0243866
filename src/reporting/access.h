// Who may see and act on reports, decided for a Principal without HTTP: the reporting unit's
// officials prepare (its leaders submit); the receiving unit's officials review (its leaders
// approve, return and unlock); with several approval levels each level's unit reviews, its
// leaders approve or return when it is that level's turn, and the last level's reopen; the
// administrators of the receiving unit define its regimes. A grant on a unit above covers the
// units below it as the grant says.
#pragma once

#include "core/identity/authorizer.h"
#include "core/identity/principal.h"
#include "reporting/lifecycle.h"
#include "reporting/regimes.h"

namespace tinhso::reporting {

Result<identity::Grant> check_manage(const identity::Authorizer& authz,
                                     const identity::Principal& who, int64_t receiver_unit);
// Reading one unit's report: its preparers or the reviewers of any approval level.
Result<identity::Grant> check_view(const identity::Authorizer& authz,
                                   const identity::Principal& who, const Regime& g, int64_t unit);
Result<identity::Grant> check_action(const identity::Authorizer& authz,
                                     const identity::Principal& who, const Regime& g, int64_t unit,
                                     ReportAction a, int approved_levels = 0);
// Reading a unit's digital-government indicators (indicators.h): its reviewers and its
// administrators (those of a unit above it whose grant covers it included).
Result<identity::Grant> check_indicators(const identity::Authorizer& authz,
                                         const identity::Principal& who, int64_t unit);
// Reading a regime's reports together (completeness, aggregates): any approval level's reviewers.
Result<identity::Grant> check_review(const identity::Authorizer& authz,
                                     const identity::Principal& who, const Regime& g);

}  // namespace tinhso::reporting
