#include "core/identity/unit_movers.h"

#include "core/identity/revocation.h"

namespace tinhso::identity {
namespace {

std::vector<int64_t> ids_of(const storage::Rows& rows) {
  std::vector<int64_t> out;
  out.reserve(rows.size());
  for (auto r : rows) out.push_back(r.i64(0));
  return out;
}

Result<int64_t> count_officials(storage::Tx& tx, int64_t unit) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT count(*) FROM officials WHERE unit_id = $1 AND active = 1", {unit}));
  return rows.front().i64(0);
}

// Active officials join the unit named for them; inactive ones stay where they served.
Result<std::vector<int64_t>> move_officials(audit::ChangeTx& tx, int64_t from, int64_t to,
                                            int64_t limit) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.sql().query("UPDATE officials SET unit_id = $2, updated_at = $4, version = version + 1 "
                     "WHERE id IN (SELECT id FROM officials WHERE unit_id = $1 AND active = 1 "
                     "ORDER BY id LIMIT $3) AND unit_id = $1 AND active = 1 RETURNING id",
                     {from, to, limit, tx.now_ms()}));
  // Sessions re-read their principal: the unit is part of what a session may do.
  if (!rows.empty()) TS_TRY(bump_revocation_epoch(tx.sql(), tx.now_ms()));
  return ids_of(rows);
}

Result<int64_t> count_grants(storage::Tx& tx, int64_t unit) {
  TS_ASSIGN_OR_RETURN(auto rows,
                      tx.query("SELECT count(*) FROM role_grants WHERE unit_id = $1", {unit}));
  return rows.front().i64(0);
}

// A role on the ended unit becomes the same role on the unit named for its staff; a grant the
// official already holds there is not doubled (the old one is removed).
Result<std::vector<int64_t>> move_grants(audit::ChangeTx& tx, int64_t from, int64_t to,
                                         int64_t limit) {
  TS_ASSIGN_OR_RETURN(auto batch, tx.sql().query("SELECT id FROM role_grants WHERE unit_id = $1 "
                                                 "ORDER BY id LIMIT $2",
                                                 {from, limit}));
  std::vector<int64_t> ids = ids_of(batch);
  for (int64_t id : ids) {
    // The grant already held there keeps the wider scope of the two.
    TS_TRY(
        tx.sql().exec("UPDATE role_grants SET include_subunits = 1 WHERE unit_id = $2 AND "
                      "include_subunits = 0 AND id <> $1 AND EXISTS (SELECT 1 FROM role_grants "
                      "o WHERE o.id = $1 AND o.unit_id = $3 AND o.include_subunits = 1 AND "
                      "o.official_id = role_grants.official_id AND o.role = role_grants.role)",
                      {id, to, from}));
    TS_ASSIGN_OR_RETURN(
        int64_t doubled,
        tx.sql().exec("DELETE FROM role_grants WHERE id = $1 AND unit_id = $3 AND EXISTS (SELECT 1 "
                      "FROM role_grants g WHERE g.unit_id = $2 AND g.id <> role_grants.id AND "
                      "g.official_id = role_grants.official_id AND g.role = role_grants.role)",
                      {id, to, from}));
    if (doubled == 0)
      TS_TRY(tx.sql().exec("UPDATE role_grants SET unit_id = $2 WHERE id = $1 AND unit_id = $3",
                           {id, to, from}));
  }
  if (!ids.empty()) TS_TRY(bump_revocation_epoch(tx.sql(), tx.now_ms()));
  return ids;
}

constexpr UnitMover kCoreMovers[] = {
    {.key = "officials",
     .label = "Cán bộ, công chức",
     .target = UnitMover::Target::kStaff,
     .count = count_officials,
     .move = move_officials},
    {.key = "role_grants",
     .label = "Quyền theo vai trò trên đơn vị",
     .target = UnitMover::Target::kStaff,
     .count = count_grants,
     .move = move_grants},
};

}  // namespace

std::span<const UnitMover> core_unit_movers() {
  return kCoreMovers;
}

}  // namespace tinhso::identity
