#include "reporting/unit_movers.h"

#include "core/storage/query_builder.h"
#include "reporting/reports.h"

namespace tinhso::reporting {
namespace {

Result<int64_t> count_received(storage::Tx& tx, int64_t unit) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT count(*) FROM reporting_regimes WHERE receiver_unit_id = $1", {unit}));
  return rows.front().i64(0);
}

// A unit that ends into another of the same approval chain (or into its receiver) leaves that
// unit approving once, at its first level; reports on their way start the chain again.
Status merge_levels(audit::ChangeTx& tx, const std::vector<int64_t>& regimes) {
  for (int64_t id : regimes) {
    TS_ASSIGN_OR_RETURN(bool changed, normalise_approvers(tx.sql(), id));
    if (!changed) continue;
    TS_TRY(restart_approvals(
        tx.sql(), id,
        {tx.now_ms(), std::string(kRechainEvent), std::string(status_name(ReportStatus::kEndorsed)),
         std::string(status_name(ReportStatus::kSubmitted)), tx.actor().id, tx.actor().name,
         std::string(kRechainLabel), std::nullopt}));
  }
  return ok_status();
}

Result<std::vector<int64_t>> move_received(audit::ChangeTx& tx, int64_t from, int64_t to,
                                           int64_t limit) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.sql().query("UPDATE reporting_regimes SET receiver_unit_id = $2, version = version + 1, "
                     "updated_at = $3 WHERE id IN (SELECT id FROM reporting_regimes WHERE "
                     "receiver_unit_id = $1 ORDER BY id LIMIT $4) RETURNING id",
                     {from, to, tx.now_ms(), limit}));
  std::vector<int64_t> ids;
  for (auto r : rows) ids.push_back(r.i64(0));
  TS_TRY(merge_levels(tx, ids));
  return ids;
}

Result<int64_t> count_approving(storage::Tx& tx, int64_t unit) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT count(*) FROM reporting_regime_approvers WHERE unit_id = $1", {unit}));
  return rows.front().i64(0);
}

// The successor approves at the ended unit's level of each chain.
Result<std::vector<int64_t>> move_approving(audit::ChangeTx& tx, int64_t from, int64_t to,
                                            int64_t limit) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.sql().query("UPDATE reporting_regime_approvers SET unit_id = $2 WHERE unit_id = $1 AND "
                     "regime_id IN (SELECT regime_id FROM reporting_regime_approvers WHERE "
                     "unit_id = $1 ORDER BY regime_id LIMIT $3) RETURNING regime_id",
                     {from, to, limit}));
  std::vector<int64_t> ids;
  for (auto r : rows) ids.push_back(r.i64(0));
  if (ids.empty()) return ids;
  storage::QueryBuilder q("UPDATE reporting_regimes SET version = version + 1, updated_at = ");
  q.add(q.bind(tx.now_ms()) + " WHERE id IN " + q.bind_list(ids));
  TS_TRY(q.exec(tx.sql()));
  TS_TRY(merge_levels(tx, ids));
  return ids;
}

constexpr identity::UnitMover kMovers[] = {
    {.key = "reporting_regimes_received",
     .label = "Chế độ báo cáo do đơn vị nhận",
     .target = identity::UnitMover::Target::kWork,
     .count = count_received,
     .move = move_received},
    {.key = "reporting_regimes_approved",
     .label = "Cấp duyệt trong chế độ báo cáo",
     .target = identity::UnitMover::Target::kWork,
     .count = count_approving,
     .move = move_approving},
};

}  // namespace

std::span<const identity::UnitMover> unit_movers() {
  return kMovers;
}

}  // namespace tinhso::reporting
