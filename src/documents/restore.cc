// Register number counters after a restore (restore.h).
#include "documents/restore.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

namespace tinhso::documents {

// Register numbers are written as "<n>/<type>-<issuer>" and not tied to a unit id in the text,
// so codes given as issued are not read here: the margin covers them.
Result<std::string> move_counters_after_restore(audit::ChangeTx& tx,
                                                const RestoreContext& context) {
  storage::Tx& sql = tx.sql();
  int64_t from_year = static_cast<int>(local_date(context.taken_at).year());
  int64_t to_year = std::max<int64_t>(from_year, static_cast<int>(local_date(context.now).year()));
  // Every register that counted this year or last (a backup early in January has few rows of
  // its own year), each moved by its pace.
  TS_ASSIGN_OR_RETURN(auto rows,
                      sql.query("SELECT unit_id, direction, "
                                "COALESCE(SUM(CASE WHEN year = $1 THEN n ELSE 0 END), 0), "
                                "COALESCE(SUM(CASE WHEN year = $2 THEN n ELSE 0 END), 0) "
                                "FROM document_register_counters WHERE year IN ($1, $2) "
                                "GROUP BY unit_id, direction ORDER BY unit_id, direction",
                                {from_year, from_year - 1}));
  constexpr std::string_view kAddSql =
      "INSERT INTO document_register_counters (unit_id, direction, year, n) VALUES ($1, $2, $3, "
      "$4) ON CONFLICT (unit_id, direction, year) DO UPDATE SET n = "
      "document_register_counters.n + excluded.n";
  int64_t moved = 0, largest = 0;
  for (const auto& row : rows) {
    int64_t margin = yearly_margin(row.i64(2), row.i64(3), context);
    largest = std::max(largest, margin);
    // Later years (a backup from before a new year) start at the margin.
    for (int64_t year = from_year; year <= to_year; ++year)
      TS_TRY(sql.exec(kAddSql, {row.i64(0), row.view(1), year, margin}));
    ++moved;
  }
  // Every other register (none counted in those two years, a unit that had none, or one a
  // reorganisation due in the lost time makes again once the server runs) starts above a floor
  // as high as the busiest register's margin: gaps do no harm, repeats do.
  int64_t floor = std::max(yearly_margin(0, 0, context), largest);
  for (int64_t year = from_year; year <= to_year; ++year)
    TS_TRY(
        sql.exec("INSERT INTO document_register_floors (year, n) VALUES ($1, $2) ON CONFLICT "
                 "(year) DO UPDATE SET n = CASE WHEN excluded.n > document_register_floors.n "
                 "THEN excluded.n ELSE document_register_floors.n END",
                 {year, floor}));
  TS_TRY(tx.record("document_numbers.move_after_restore", "document_register_counters",
                   std::to_string(from_year),
                   boost::json::object{{"registers", moved},
                                       {"years", to_year - from_year + 1},
                                       {"largest_margin", largest},
                                       {"floor", floor}}));
  return fmt::format(
      "Document registers: {} register(s) moved for {} year(s) from {}, by up to {}; every "
      "other register starts above {}.",
      moved, to_year - from_year + 1, from_year, largest, floor);
}

}  // namespace tinhso::documents
