#include "feedback/unit_movers.h"

#include <fmt/format.h>

#include <algorithm>

#include "feedback/items.h"

namespace tinhso::feedback {
namespace {

constexpr std::string_view kOpenAt =
    "status IN ('draft', 'received', 'in_progress', 'answer_drafted', 'routed_as_complaint', "
    "'case_accepted') AND (unit_id = $1 OR reception_unit_id = $1)";

Result<int64_t> count_open(storage::Tx& tx, int64_t unit) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT count(*) FROM feedback_items WHERE {}", kOpenAt), {unit}));
  return rows.front().i64(0);
}

// The items are read (locked on PostgreSQL) before they move so that the figures' counters
// follow each one to its new unit; the update's condition repeats the read's, so that a row
// another node moved meanwhile is left alone.
Result<std::vector<int64_t>> move_open(audit::ChangeTx& tx, int64_t from, int64_t to,
                                       int64_t limit) {
  TS_ASSIGN_OR_RETURN(auto before,
                      load_items_where(tx.sql(),
                                       fmt::format("{} ORDER BY id LIMIT $2{}", kOpenAt,
                                                   tx.sql().is_postgres() ? " FOR UPDATE" : ""),
                                       {from, limit}));
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.sql().query(fmt::format("UPDATE feedback_items SET unit_id = CASE WHEN unit_id = $1 "
                                 "THEN $2 ELSE unit_id END, reception_unit_id = CASE WHEN "
                                 "reception_unit_id = $1 THEN $2 ELSE reception_unit_id END, "
                                 "assignee_id = CASE WHEN unit_id = $1 THEN NULL ELSE "
                                 "assignee_id END, version = version + 1 WHERE id IN (SELECT id "
                                 "FROM feedback_items WHERE {0} ORDER BY id LIMIT $3) AND {0} "
                                 "RETURNING id",
                                 kOpenAt),
                     {from, to, limit}));
  std::vector<int64_t> ids;
  for (auto r : rows) ids.push_back(r.i64(0));
  for (const Item& was : before) {
    if (std::find(ids.begin(), ids.end(), was.id) == ids.end()) continue;
    Item is = was;
    if (is.unit_id == from) is.unit_id = to;
    if (is.reception_unit_id == from) is.reception_unit_id = to;
    TS_TRY(adjust_stats(tx.sql(), &was, &is));
  }
  return ids;
}

// The categories that name the unit as the one that usually handles them, and the answering
// times set for it (categories.h): they pass to the successor. Where the successor has its own
// time for a category already, that one stays.
Result<int64_t> count_category_settings(storage::Tx& tx, int64_t unit) {
  TS_ASSIGN_OR_RETURN(auto rows,
                      tx.query("SELECT (SELECT count(*) FROM feedback_categories WHERE unit_id = "
                               "$1) + (SELECT count(*) FROM feedback_category_deadlines WHERE "
                               "unit_id = $1)",
                               {unit}));
  return rows.front().i64(0);
}

Result<std::vector<int64_t>> move_category_settings(audit::ChangeTx& tx, int64_t from, int64_t to,
                                                    int64_t /*limit: a few dozen rows at most*/) {
  std::vector<int64_t> ids;
  auto take = [&](const storage::Rows& rows) {
    for (auto r : rows) ids.push_back(r.i64(0));
  };
  TS_ASSIGN_OR_RETURN(auto kept,
                      tx.sql().query("DELETE FROM feedback_category_deadlines WHERE unit_id = $1 "
                                     "AND category_id IN (SELECT category_id FROM "
                                     "feedback_category_deadlines WHERE unit_id = $2) RETURNING "
                                     "category_id",
                                     {from, to}));
  take(kept);
  TS_ASSIGN_OR_RETURN(auto moved, tx.sql().query("UPDATE feedback_category_deadlines SET "
                                                 "unit_id = $2 WHERE unit_id = $1 RETURNING "
                                                 "category_id",
                                                 {from, to}));
  take(moved);
  TS_ASSIGN_OR_RETURN(auto usual, tx.sql().query("UPDATE feedback_categories SET unit_id = $2, "
                                                 "version = version + 1 WHERE unit_id = $1 "
                                                 "RETURNING id",
                                                 {from, to}));
  take(usual);
  return ids;
}

constexpr identity::UnitMover kMovers[] = {
    {.key = "open_feedback",
     .label = "Phản ánh, kiến nghị đang tiếp nhận, xử lý",
     .target = identity::UnitMover::Target::kWork,
     .count = count_open,
     .move = move_open},
    {.key = "feedback_category_settings",
     .label = "Lĩnh vực phản ánh, kiến nghị giao đơn vị xử lý hoặc có thời hạn riêng của đơn vị",
     .target = identity::UnitMover::Target::kWork,
     .count = count_category_settings,
     .move = move_category_settings},
};

}  // namespace

std::span<const identity::UnitMover> unit_movers() {
  return kMovers;
}

}  // namespace tinhso::feedback
