// Where a dossier may be received. Since 1 July 2025 the provincial and commune-level public
// service centres receive dossiers regardless of administrative boundaries within the province
// (Nghị định 118/2025/NĐ-CP, Art. 14(2) to verify; docs/organisation.md): a citizen of one commune
// may submit at another's centre, which receives the dossier, forwards it to the competent unit
// through the workflow and returns the result.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/base/time.h"
#include "core/identity/authorizer.h"
#include "core/identity/org_tree.h"

namespace tinhso::onestop {

// Whether `unit` receives dossiers: an active public service centre or one-stop desk, or a
// commune-level people's committee without one, at an administrative level in force on `today`
// (a district's desk ended with the district).
bool is_reception_point(const identity::OrgTree& org, int64_t unit, Date today);

// The reception points of the province `unit` belongs to, in tree order.
std::vector<int64_t> reception_points(const identity::OrgTree& org, int64_t unit, Date today);

// Where a dossier handled by any of `agencies` (one, or every agency a procedure names) may be
// received: the own desk they all share first, if any, then, when `anywhere`
// (onestop.reception_anywhere), every other reception point of their province. The portal
// offers exactly these and choose_desk accepts exactly these for its agency.
std::vector<int64_t> points_for(const identity::OrgTree& org, std::span<const int64_t> agencies,
                                bool anywhere, Date today);

// The unit whose code a dossier received at `desk` for `agency` bears (STANDARDS: the
// receiving agency's code): `agency` at its own desk; otherwise the committee the receiving
// centre belongs to, or the receiving committee itself.
int64_t receiving_agency(const identity::OrgTree& org, int64_t desk, int64_t agency);

struct DeskChoice {
  std::optional<int64_t> asked;  // the submission's desk_unit_id
  int64_t agency = 0;            // the competent agency
  bool anywhere = true;          // onestop.reception_anywhere
  // A desk officer's own submission at the counter: without `asked`, the reception point
  // where `who` receives when it is not the agency's own desk and there is exactly one.
  const identity::Principal* counter = nullptr;
};

// The desk that receives a submission, or a 422 naming `desk_unit_id`. Authorising a counter
// submission at that desk is the caller's business.
Result<int64_t> choose_desk(const DeskChoice& c, const identity::OrgTree& org,
                            const identity::Authorizer& authorizer, Date today);

// Where the result of a dossier received at `desk` for `agency` may be collected at a desk:
// the receiving desk, or the competent agency's own desk (Nghị định 118/2025/NĐ-CP: the
// applicant chooses; by post and online are return methods, not places).
std::vector<int64_t> result_points_for(const identity::OrgTree& org, int64_t desk, int64_t agency);

// The result point a submission asked for: empty for the receiving desk (or nothing asked),
// the agency's own desk, or a 422 naming `result_unit_id` — also when the result is not
// collected at a desk (`return_method` post or online).
Result<std::optional<int64_t>> choose_result_point(std::optional<int64_t> asked,
                                                   std::string_view return_method, int64_t desk,
                                                   int64_t agency, const identity::OrgTree& org);

}  // namespace tinhso::onestop
