// Dossier code counters after a restore (restore.h).
#include "onestop/restore.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <map>
#include <utility>

#include "core/identity/agency_code.h"
#include "onestop/dossier.h"

namespace tinhso::onestop {
namespace {

// The least margin of a day's sequence: an agency's margin is twice its busiest recent day, at
// least this (and at least --margin), so that a quiet agency's day is still covered.
constexpr int64_t kMinimumMargin = 50;

// "<agency code>-<yymmdd>-<n>" → (agency code, yymmdd, n); anything else is not a dossier code.
struct IssuedCode {
  std::string agency_code, day;
  int64_t n = 0;
};
std::optional<IssuedCode> parse_issued(std::string_view code) {
  auto last = code.rfind('-');
  if (last == std::string_view::npos || last == 0) return std::nullopt;
  auto middle = code.rfind('-', last - 1);
  if (middle == std::string_view::npos || middle == 0) return std::nullopt;
  std::string_view agency = code.substr(0, middle);
  std::string_view day = code.substr(middle + 1, last - middle - 1);
  std::string_view digits = code.substr(last + 1);
  auto all_digits = [](std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (day.size() != 6 || !all_digits(day) || !all_digits(digits) || digits.size() > 9)
    return std::nullopt;
  // The agency part is an electronic agency code (a CSV index or a label before it is not).
  if (!identity::parse_agency_code(agency)) return std::nullopt;
  IssuedCode out{std::string(agency), std::string(day), 0};
  std::from_chars(digits.data(), digits.data() + digits.size(), out.n);
  return out;
}

// Raises the counter of (agency, day) to at least `n`.
constexpr std::string_view kRaiseSql =
    "INSERT INTO dossier_code_counters (agency_code, day, n) VALUES ($1, $2, $3) "
    "ON CONFLICT (agency_code, day) DO UPDATE SET n = CASE WHEN excluded.n > "
    "dossier_code_counters.n THEN excluded.n ELSE dossier_code_counters.n END";

// Each agency that ever issued a code, with its margin: twice its busiest day in the 90 days
// up to the backup's day (days are yymmdd, which sort as dates within the century), at least
// $3. Measured once, before anything moves, into a table of the transaction's connection.
constexpr std::string_view kMarginsSql =
    "INSERT INTO restore_code_margins (agency_code, margin) "
    "SELECT agency_code, CASE WHEN 2 * MAX(CASE WHEN day <= $1 AND day >= $2 THEN n ELSE 0 END) "
    "> CAST($3 AS BIGINT) THEN 2 * MAX(CASE WHEN day <= $1 AND day >= $2 THEN n ELSE 0 END) "
    "ELSE CAST($3 AS BIGINT) END FROM dossier_code_counters WHERE TRUE GROUP BY agency_code";

// Adds each agency's margin to its counter of day $1 (a new row when it has none). WHERE TRUE:
// SQLite's upsert after a SELECT needs a WHERE clause.
constexpr std::string_view kMoveDaySql =
    "INSERT INTO dossier_code_counters (agency_code, day, n) "
    "SELECT agency_code, $1, margin FROM restore_code_margins WHERE TRUE "
    "ON CONFLICT (agency_code, day) DO UPDATE SET n = dossier_code_counters.n + excluded.n";

// An agency with no counter at all (unknown to the backup) starts the day above this.
constexpr std::string_view kFloorSql =
    "INSERT INTO dossier_code_floors (day, n) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET "
    "n = CASE WHEN excluded.n > dossier_code_floors.n THEN excluded.n ELSE "
    "dossier_code_floors.n END";

}  // namespace

Result<std::string> move_codes_after_restore(audit::ChangeTx& tx, const RestoreContext& context) {
  storage::Tx& sql = tx.sql();
  std::string first_day = dossier_code_day(context.taken_at);
  std::string window_from = dossier_code_day(context.taken_at - std::chrono::days(90));
  Date from = local_date(context.taken_at), to = local_date(context.now);
  if (to < from) to = from;
  int64_t least = std::max(kMinimumMargin, context.margin.value_or(0));

  // The codes known to have been issued since the backup first: the margin then goes on top.
  int64_t raised = 0;
  std::map<std::pair<std::string, std::string>, int64_t> highest;
  for (std::size_t i = 0; i < context.issued.size(); ++i) {
    auto code = parse_issued(context.issued[i]);
    if (!code) continue;
    context.recognise(i);
    if (code->day < first_day) continue;  // in the database already
    int64_t& n = highest[{code->agency_code, code->day}];
    n = std::max(n, code->n);
  }
  for (const auto& [key, n] : highest) {
    TS_TRY(sql.exec(kRaiseSql, {key.first, key.second, n}));
    ++raised;
  }

  // Margins measured once (a scratch table of this connection, emptied if PostgreSQL runs the
  // transaction again), then added day by day.
  TS_TRY(sql.exec(sql.is_postgres() ? "CREATE TEMP TABLE IF NOT EXISTS restore_code_margins "
                                      "(agency_code TEXT PRIMARY KEY, margin BIGINT NOT NULL) "
                                      "ON COMMIT DROP"
                                    : "CREATE TEMP TABLE IF NOT EXISTS restore_code_margins "
                                      "(agency_code TEXT PRIMARY KEY, margin BIGINT NOT NULL)"));
  TS_TRY(sql.exec("DELETE FROM restore_code_margins"));
  TS_TRY(sql.exec(kMarginsSql, {first_day, window_from, least}));
  TS_ASSIGN_OR_RETURN(auto margins, sql.query("SELECT COUNT(*), COALESCE(MAX(margin), 0) FROM "
                                              "restore_code_margins"));
  int64_t agency_count = margins.front().i64(0), largest = margins.front().i64(1);
  // An agency unknown to the backup may be as busy as the busiest one (a merged commune's
  // centre): it starts above the largest margin. Gaps do no harm, repeats do.
  int64_t floor = std::max(least, largest);
  int days = 0;
  for (Date day = to; day >= from; day = add_days(day, -1)) {
    std::string yymmdd = dossier_code_day(local_instant(day, 12 * 60));
    TS_TRY(sql.exec(kMoveDaySql, {yymmdd}));
    TS_TRY(sql.exec(kFloorSql, {yymmdd, floor}));
    ++days;
  }
  TS_TRY(sql.exec("DROP TABLE restore_code_margins"));
  boost::json::object change{{"from_day", first_day},    {"days", days},
                             {"agencies", agency_count}, {"largest_margin", largest},
                             {"floor", floor},           {"issued_codes_given", raised}};
  TS_TRY(tx.record("dossier_codes.move_after_restore", "dossier_code_counters", first_day, change));
  return fmt::format(
      "Dossier codes: {} agencies moved for {} day(s) from {} by twice their busiest recent "
      "day, at least {} (largest {}); any other agency starts each of those days above {}{}.",
      agency_count, days, format_vn_date(from), least, largest, floor,
      raised > 0 ? fmt::format("; past {} (agency, day) codes given as issued", raised)
                 : std::string());
}

}  // namespace tinhso::onestop
