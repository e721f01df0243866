// SQL condition restricting a unit column to an identity::UnitScope.
#pragma once

#include "core/identity/authorizer.h"
#include "core/storage/query_builder.h"

namespace tinhso::identity {

// "(<column> IN (…) OR <column> IN (SELECT unit_id FROM unit_closure WHERE ancestor_id IN (…)))",
// "1 = 1" for everywhere, "1 = 0" for nowhere.
inline std::string unit_scope_condition(storage::QueryBuilder& q, std::string_view column,
                                        const UnitScope& s) {
  if (s.everywhere) return "1 = 1";
  if (s.empty()) return "1 = 0";
  std::string c = "(";
  bool first = true;
  if (!s.units.empty()) {
    c += std::string(column) + " IN " + q.bind_list(s.units);
    first = false;
  }
  if (!s.subtrees.empty()) {
    if (!first) c += " OR ";
    c += std::string(column) + " IN (SELECT unit_id FROM unit_closure WHERE ancestor_id IN " +
         q.bind_list(s.subtrees) + ")";
  }
  return c + ")";
}

}  // namespace tinhso::identity
