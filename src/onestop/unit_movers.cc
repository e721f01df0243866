#include "onestop/unit_movers.h"

#include <map>
#include <string>
#include <utility>

#include "onestop/stats_counters.h"

namespace tinhso::onestop {
namespace {

// Open dossiers, and results approved but not yet returned (approval closes a dossier: its
// result then waits at the desk that returns it, its current unit).
constexpr std::string_view kOpenAt =
    "(closed_at IS NULL OR status = 'done') AND (agency_unit_id = $1 OR current_unit_id = $1 OR "
    "desk_unit_id = $1 OR result_unit_id = $1)";
// The same dossiers, found through the queue indexes one by one: as one OR, SQLite walks every
// open dossier of the province for each unit. `+closed_at` keeps the planner off the index of
// closing times. Each arm matches exactly what kOpenAt keeps: a batch that found fewer than its
// limit means nothing is left.
constexpr std::string_view kOpenIds =
    "SELECT id FROM dossiers WHERE agency_unit_id = $1 AND closed_at IS NULL UNION "
    "SELECT id FROM dossiers WHERE current_unit_id = $1 AND +closed_at IS NULL UNION "
    "SELECT id FROM dossiers WHERE desk_unit_id = $1 AND +closed_at IS NULL UNION "
    "SELECT id FROM dossiers WHERE result_unit_id = $1 AND +closed_at IS NULL UNION "
    "SELECT id FROM dossiers WHERE agency_unit_id = $1 AND status = 'done' UNION "
    "SELECT id FROM dossiers WHERE current_unit_id = $1 AND status = 'done' UNION "
    "SELECT id FROM dossiers WHERE desk_unit_id = $1 AND status = 'done' UNION "
    "SELECT id FROM dossiers WHERE result_unit_id = $1 AND status = 'done'";

Result<int64_t> count_open(storage::Tx& tx, int64_t unit) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(std::string("SELECT count(*) FROM (") + std::string(kOpenIds) + ") o", {unit}));
  return rows.front().i64(0);
}

Result<std::vector<int64_t>> move_open(audit::ChangeTx& tx, int64_t from, int64_t to,
                                       int64_t limit) {
  // The agencies before the move, for statistics by the boundaries of the time. The same
  // dossiers as the update's: batches of a plan run one at a time (the plan's row is locked).
  TS_ASSIGN_OR_RETURN(
      auto before,
      tx.sql().query(std::string("SELECT id, agency_unit_id FROM dossiers WHERE id IN (SELECT id "
                                 "FROM (") +
                         std::string(kOpenIds) + ") o ORDER BY id LIMIT $2) AND " +
                         std::string(kOpenAt),
                     {from, limit}));
  std::map<int64_t, int64_t> agency_before;
  for (auto r : before) agency_before.emplace(r.i64(0), r.i64(1));
  // The outer condition repeats the inner one: on PostgreSQL a row another node moved
  // meanwhile is re-checked after its lock is released and left alone.
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.sql().query(
          std::string("UPDATE dossiers SET "
                      "agency_unit_id = CASE WHEN agency_unit_id = $1 THEN $2 ELSE "
                      "agency_unit_id END, "
                      "current_unit_id = CASE WHEN current_unit_id = $1 THEN $2 ELSE "
                      "current_unit_id END, "
                      // A received dossier keeps where it was received, for the figures by
                      // reception point (the boundaries of the time).
                      "reception_unit_id = CASE WHEN desk_unit_id = $1 AND received_at IS NOT "
                      "NULL THEN COALESCE(reception_unit_id, desk_unit_id) ELSE "
                      "reception_unit_id END, "
                      "desk_unit_id = CASE WHEN desk_unit_id = $1 THEN $2 ELSE desk_unit_id END, "
                      "result_unit_id = CASE WHEN result_unit_id = $1 THEN $2 ELSE "
                      "result_unit_id END, "
                      // The stored public view names the old unit: the module's background
                      // pass renders it again (the look-up renders it on the fly meanwhile).
                      "public_view = NULL, version = version + 1, updated_at = $3 "
                      "WHERE id IN (SELECT id FROM (") +
              std::string(kOpenIds) + ") o ORDER BY id LIMIT $4) AND " + std::string(kOpenAt) +
              " RETURNING id, status, procedure_id, channel, received_at, closed_at",
          {from, to, tx.now_ms(), limit}));
  std::vector<int64_t> ids;
  ids.reserve(rows.size());
  const audit::Actor& a = tx.actor();
  // Received and not yet closed: counted out of the old agency, into the new (statistics).
  std::map<std::pair<int64_t, std::string>, int64_t> open_moved;  // (procedure, channel) → n
  for (auto r : rows) {
    ids.push_back(r.i64(0));
    if (auto it = agency_before.find(r.i64(0)); it != agency_before.end() && it->second == from) {
      TS_TRY(tx.sql().exec_later(
          "INSERT INTO dossier_agency_moves (dossier_id, at, agency_from, agency_to) VALUES ($1, "
          "$2, $3, $4)",
          {r.i64(0), tx.now_ms(), from, to}));
      if (!r.is_null(4) && r.is_null(5)) ++open_moved[{r.i64(2), r.str(3)}];
    }
    TS_TRY(tx.sql().exec_later(
        "INSERT INTO dossier_events (dossier_id, at, action, status_from, status_to, unit_from, "
        "unit_to, actor_kind, actor_id, actor_name, note) VALUES ($1, $2, $3, $4, $4, $5, $6, $7, "
        "$8, $9, $10)",
        {r.i64(0), tx.now_ms(), kReorganisedAction, r.str(1), from, to, a.kind, a.id, a.name,
         std::string("Sắp xếp đơn vị hành chính: hồ sơ chuyển sang đơn vị kế thừa, giữ nguyên "
                     "thời hạn giải quyết.")}));
  }
  for (const auto& [key, n] : open_moved)
    TS_TRY(bump_moved_stats(tx.sql(), from, to, key.first, key.second, n, tx.now()));
  return ids;
}

constexpr identity::UnitMover kMovers[] = {
    {.key = "open_dossiers",
     .label = "Hồ sơ thủ tục hành chính đang giải quyết",
     .target = identity::UnitMover::Target::kWork,
     .count = count_open,
     .move = move_open},
};

}  // namespace

std::span<const identity::UnitMover> unit_movers() {
  return kMovers;
}

}  // namespace tinhso::onestop
