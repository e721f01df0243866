// Register number counters after a restore (restore.h).
#include "documents/restore.h"

#include <fmt/format.h>

#include <boost/json.hpp>

namespace tinhso::documents {

// Register numbers are written as "<n>/<type>-<issuer>" and not tied to a unit id in the text,
// so codes given as issued are not read here: the margin covers them.
Result<std::string> move_counters_after_restore(audit::ChangeTx& tx,
                                                const RestoreContext& context) {
  storage::Tx& sql = tx.sql();
  int64_t from_year = static_cast<int>(local_date(context.taken_at).year());
  int64_t to_year = std::max<int64_t>(from_year, static_cast<int>(local_date(context.now).year()));
  TS_ASSIGN_OR_RETURN(auto rows, sql.query("SELECT unit_id, direction, n FROM "
                                           "document_register_counters WHERE year = $1 "
                                           "ORDER BY unit_id, direction",
                                           {from_year}));
  int64_t moved = 0, largest = 0;
  for (const auto& row : rows) {
    int64_t margin = yearly_margin(row.i64(2), context);
    largest = std::max(largest, margin);
    // Later years (a backup from before a new year) start at the margin.
    for (int64_t year = from_year; year <= to_year; ++year)
      TS_TRY(sql.exec(
          "INSERT INTO document_register_counters (unit_id, direction, year, n) VALUES ($1, $2, "
          "$3, $4) ON CONFLICT (unit_id, direction, year) DO UPDATE SET n = "
          "document_register_counters.n + excluded.n",
          {row.i64(0), row.view(1), year, margin}));
    ++moved;
  }
  TS_TRY(tx.record(
      "document_numbers.move_after_restore", "document_register_counters",
      std::to_string(from_year),
      boost::json::object{
          {"registers", moved}, {"years", to_year - from_year + 1}, {"largest_margin", largest}}));
  return fmt::format(
      "Document registers: {} register(s) moved for {} year(s) from {}, by up to {}.", moved,
      to_year - from_year + 1, from_year, largest);
}

}  // namespace tinhso::documents
