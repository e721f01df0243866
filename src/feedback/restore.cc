// Feedback code counters after a restore (restore.h).
#include "feedback/restore.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <map>

namespace tinhso::feedback {
namespace {

// "PAKN-<year>-<n>" → (year, n).
std::optional<std::pair<int64_t, int64_t>> parse_issued(std::string_view code) {
  constexpr std::string_view kPrefix = "PAKN-";
  if (!code.starts_with(kPrefix) || code.size() < kPrefix.size() + 6) return std::nullopt;
  auto digits_only = [](std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
  };
  std::string_view rest = code.substr(kPrefix.size());
  auto dash = rest.find('-');
  if (dash != 4) return std::nullopt;
  int64_t year = 0, n = 0;
  auto y = std::from_chars(rest.data(), rest.data() + 4, year);
  std::string_view digits = rest.substr(5);
  if (!digits_only(rest.substr(0, 4)) || !digits_only(digits) || digits.size() > 9)
    return std::nullopt;
  auto d = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (y.ptr != rest.data() + 4 || d.ptr != digits.data() + digits.size()) return std::nullopt;
  return std::pair{year, n};
}

}  // namespace

Result<std::string> move_counters_after_restore(audit::ChangeTx& tx,
                                                const RestoreContext& context) {
  storage::Tx& sql = tx.sql();
  int64_t from_year = static_cast<int>(local_date(context.taken_at).year());
  int64_t to_year = std::max<int64_t>(from_year, static_cast<int>(local_date(context.now).year()));
  std::map<int64_t, int64_t> issued;  // year → highest code given as issued
  for (std::size_t i = 0; i < context.issued.size(); ++i) {
    auto code = parse_issued(context.issued[i]);
    if (!code) continue;
    context.recognise(i);
    if (code->first >= from_year) issued[code->first] = std::max(issued[code->first], code->second);
  }
  auto issued_in = [&](int64_t year) -> Result<int64_t> {
    TS_ASSIGN_OR_RETURN(auto rows,
                        sql.query("SELECT n FROM feedback_code_counters WHERE year = $1", {year}));
    return rows.empty() ? 0 : rows.front().i64(0);
  };
  TS_ASSIGN_OR_RETURN(int64_t this_year, issued_in(from_year));
  TS_ASSIGN_OR_RETURN(int64_t last_year, issued_in(from_year - 1));
  int64_t margin = yearly_margin(this_year, last_year, context);
  boost::json::object change{{"margin", margin}};
  for (int64_t year = from_year; year <= to_year; ++year) {
    TS_ASSIGN_OR_RETURN(auto current,
                        sql.query("SELECT n FROM feedback_code_counters WHERE year = $1", {year}));
    int64_t n = current.empty() ? 0 : current.front().i64(0);
    n = std::max(n, issued.count(year) ? issued[year] : 0) + margin;
    TS_TRY(
        sql.exec("INSERT INTO feedback_code_counters (year, n) VALUES ($1, $2) ON "
                 "CONFLICT (year) DO UPDATE SET n = excluded.n",
                 {year, n}));
    change[std::to_string(year)] = n;
  }
  TS_TRY(tx.record("feedback_codes.move_after_restore", "feedback_code_counters",
                   std::to_string(from_year), change));
  return fmt::format("Feedback codes: the counter moved by {} for {} year(s) from {}{}.", margin,
                     to_year - from_year + 1, from_year,
                     issued.empty() ? "" : ", past the codes given as issued");
}

}  // namespace tinhso::feedback
