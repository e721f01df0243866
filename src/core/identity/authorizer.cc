#include "core/identity/authorizer.h"

#include <algorithm>

namespace tinhso::identity {

bool Authorizer::covers(const Grant& g, int64_t unit_id) const {
  if (g.role == Role::kSystemAdmin) return true;
  if (g.unit_id == unit_id) return true;
  return g.include_subunits && org_.get()->within(unit_id, g.unit_id);
}

Result<Grant> Authorizer::check(const Principal& who, Permission p, int64_t unit_id) const {
  if (!who.is_official()) return Error::forbidden();
  for (const Grant& g : who.grants) {
    if (carries(g.role, p) && covers(g, unit_id)) return g;
  }
  return Error::forbidden();
}

bool Authorizer::has_anywhere(const Principal& who, Permission p) const {
  if (!who.is_official()) return false;
  return std::any_of(who.grants.begin(), who.grants.end(),
                     [&](const Grant& g) { return carries(g.role, p); });
}

Result<Grant> Authorizer::check_anywhere(const Principal& who, Permission p) const {
  auto grants = grants_for(who, p);
  if (grants.empty()) return Error::forbidden();
  return grants.front();
}

std::vector<Grant> Authorizer::grants_for(const Principal& who, Permission p) const {
  std::vector<Grant> out;
  if (!who.is_official()) return out;
  for (const Grant& g : who.grants) {
    if (carries(g.role, p)) out.push_back(g);
  }
  return out;
}

}  // namespace tinhso::identity

namespace tinhso::identity {

UnitScope scope_of(const std::vector<Grant>& grants) {
  UnitScope s;
  for (const Grant& g : grants) {
    if (g.role == Role::kSystemAdmin)
      s.everywhere = true;
    else if (g.include_subunits)
      s.subtrees.push_back(g.unit_id);
    else
      s.units.push_back(g.unit_id);
  }
  return s;
}

}  // namespace tinhso::identity
