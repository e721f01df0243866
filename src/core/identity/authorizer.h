// Authorizer: the one place that decides whether a principal may perform an action in a
// unit. A grant of role R in unit U allows R's permissions in U, and in every unit below U
// when the grant covers sub-units. System administrators are allowed everywhere.
#pragma once

#include <vector>

#include "core/base/result.h"
#include "core/identity/org_tree.h"
#include "core/identity/principal.h"

namespace tinhso::identity {

// Thread-safe: it keeps nothing of its own; each decision reads the current organisation
// snapshot (OrgCache), which any number of threads share.
class Authorizer {
 public:
  explicit Authorizer(OrgCache& org) : org_(org) {}

  // The grant that allows `p` in `unit_id`, or a 403 error.
  Result<Grant> check(const Principal& who, Permission p, int64_t unit_id) const;
  // Whether `who` holds `p` in at least one unit (for screens and lists that filter by scope).
  bool has_anywhere(const Principal& who, Permission p) const;
  // The first grant that carries `p` in some unit, or a 403: the gate of a list or screen whose
  // rows are then filtered by grants_for().
  Result<Grant> check_anywhere(const Principal& who, Permission p) const;
  // The grants that carry `p`: lists filter their rows to these scopes.
  std::vector<Grant> grants_for(const Principal& who, Permission p) const;
  // Whether the grant reaches `unit_id`.
  bool covers(const Grant& g, int64_t unit_id) const;
  OrgCache& org() const { return org_; }

 private:
  OrgCache& org_;
};

}  // namespace tinhso::identity

namespace tinhso::identity {

// The units a set of grants reaches, for filtering lists in SQL.
struct UnitScope {
  bool everywhere = false;        // a system administrator
  std::vector<int64_t> units;     // exactly these units
  std::vector<int64_t> subtrees;  // these units and everything below them
  bool empty() const { return !everywhere && units.empty() && subtrees.empty(); }
};

UnitScope scope_of(const std::vector<Grant>& grants);

}  // namespace tinhso::identity
