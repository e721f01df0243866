// Dossier code counters after a restore (restore.h).
#include "onestop/restore.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <map>
#include <utility>

#include "onestop/dossier.h"

namespace tinhso::onestop {
namespace {

// A day's sequence when the operator gives no margin: twice the agency's busiest day before
// the backup, and at least this many, so that a day whose codes all came after the backup
// (the backup's morning, or the days after it) is still covered.
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
  IssuedCode out{std::string(agency), std::string(day), 0};
  std::from_chars(digits.data(), digits.data() + digits.size(), out.n);
  return out;
}

// Raises the counter of (agency, day) to at least `n`.
constexpr std::string_view kRaiseSql =
    "INSERT INTO dossier_code_counters (agency_code, day, n) VALUES ($1, $2, $3) "
    "ON CONFLICT (agency_code, day) DO UPDATE SET n = CASE WHEN excluded.n > "
    "dossier_code_counters.n THEN excluded.n ELSE dossier_code_counters.n END";

// Adds each agency's margin to its counter of day $1 (a new row when it has none). The margin
// is $2 when given, else twice the agency's busiest day up to the backup's day $3 (days are
// yymmdd, which sort as dates within the century), at least $4. Every agency that ever issued a
// code is moved (one whose only codes are those given as issued gets the least margin). Days are
// moved from the latest to the backup's own, so no row this pass changed is among those it
// measures. WHERE TRUE: SQLite's upsert after a SELECT needs a WHERE clause.
constexpr std::string_view kMoveDaySql =
    "INSERT INTO dossier_code_counters (agency_code, day, n) "
    "SELECT agency_code, $1, CASE WHEN CAST($2 AS BIGINT) >= 0 THEN CAST($2 AS BIGINT) "
    "WHEN 2 * MAX(CASE WHEN day <= $3 THEN n ELSE 0 END) > CAST($4 AS BIGINT) "
    "THEN 2 * MAX(CASE WHEN day <= $3 THEN n ELSE 0 END) ELSE CAST($4 AS BIGINT) END "
    "FROM dossier_code_counters WHERE TRUE GROUP BY agency_code "
    "ON CONFLICT (agency_code, day) DO UPDATE SET n = dossier_code_counters.n + excluded.n";

}  // namespace

Result<std::string> move_codes_after_restore(audit::ChangeTx& tx, const RestoreContext& context) {
  storage::Tx& sql = tx.sql();
  std::string first_day = dossier_code_day(context.taken_at);
  Date from = local_date(context.taken_at), to = local_date(context.now);
  if (to < from) to = from;

  // The codes known to have been issued since the backup first: the margin then goes on top.
  int64_t raised = 0;
  std::map<std::pair<std::string, std::string>, int64_t> highest;
  for (const std::string& line : context.issued) {
    auto code = parse_issued(line);
    if (!code || code->day < first_day) continue;
    int64_t& n = highest[{code->agency_code, code->day}];
    n = std::max(n, code->n);
  }
  for (const auto& [key, n] : highest) {
    TS_TRY(sql.exec(kRaiseSql, {key.first, key.second, n}));
    ++raised;
  }

  int64_t margin = context.margin.value_or(-1);
  int days = 0;
  for (Date day = to; day >= from; day = add_days(day, -1)) {
    std::string yymmdd = dossier_code_day(local_instant(day, 12 * 60));
    TS_TRY(sql.exec(kMoveDaySql, {yymmdd, margin, first_day, kMinimumMargin}));
    ++days;
  }
  TS_ASSIGN_OR_RETURN(auto agencies,
                      sql.query("SELECT COUNT(DISTINCT agency_code) FROM dossier_code_counters "
                                "WHERE day >= $1",
                                {first_day}));
  int64_t agency_count = agencies.front().i64(0);
  boost::json::object change{{"from_day", first_day},
                             {"days", days},
                             {"agencies", agency_count},
                             {"issued_codes_given", raised}};
  if (margin >= 0)
    change["margin"] = margin;
  else
    change["margin"] = "twice the busiest day, at least 50";
  TS_TRY(tx.record("dossier_codes.move_after_restore", "dossier_code_counters", first_day, change));
  return fmt::format(
      "Dossier codes: counters of {} agencies moved for {} day(s) from {}{}{}.", agency_count, days,
      format_vn_date(from),
      margin >= 0 ? fmt::format(" by {}", margin) : std::string(" by twice their busiest day"),
      raised > 0 ? fmt::format(", past {} (agency, day) codes given as issued", raised)
                 : std::string());
}

}  // namespace tinhso::onestop
