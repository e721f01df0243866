#include "onestop/stats.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <map>
#include <optional>
#include <set>

#include "core/storage/query_builder.h"
#include "onestop/stats_counters.h"
#include "onestop/vocabularies.h"

namespace tinhso::onestop {
namespace {

using std::chrono::sys_days;

Date first_of_month(Date d) {
  return Date{d.year(), d.month(), std::chrono::day(1)};
}
Date last_of_month(Date d) {
  return Date{d.year() / d.month() / std::chrono::last};
}
std::string month_key(Date d) {
  return format_iso_date(d).substr(0, 7);
}

// The pieces of [from, to]: whole months, and the days outside them.
struct Pieces {
  std::vector<std::string> months;
  std::vector<std::pair<std::string, std::string>> day_ranges;  // inclusive
};

Pieces split(Date from, Date to) {
  Pieces p;
  if (sys_days(to) < sys_days(from)) return p;
  Date cur = from;
  while (sys_days(cur) <= sys_days(to)) {
    Date month_end = last_of_month(cur);
    bool whole = cur.day() == std::chrono::day(1) && sys_days(month_end) <= sys_days(to);
    if (whole) {
      p.months.push_back(month_key(cur));
    } else {
      Date end = sys_days(month_end) < sys_days(to) ? month_end : to;
      p.day_ranges.emplace_back(format_iso_date(cur), format_iso_date(end));
    }
    cur = add_days(month_end, 1);
  }
  return p;
}

std::string channel_label(std::string_view c) {
  return std::string(label_in(channels(), c));
}

struct Key {
  int64_t agency, procedure;
  std::string channel;
};

// Sums the counters of the statistics rows (totals and unfolded deltas) matching the condition
// in `where` (already holding the scope), per (agency, procedure, channel).
Result<std::vector<std::pair<Key, std::map<std::string, int64_t>>>> sum_rows(
    storage::Tx& tx, const storage::QueryBuilder& where) {
  std::string sql = "SELECT agency_unit_id, procedure_id, channel";
  for (const auto& c : stats_counters()) sql += fmt::format(", SUM({})", c);
  sql += " FROM " + stats_source(where.sql()) + " GROUP BY agency_unit_id, procedure_id, channel";
  TS_ASSIGN_OR_RETURN(auto rows, tx.query(sql, where.params()));
  std::vector<std::pair<Key, std::map<std::string, int64_t>>> out;
  const auto& names = stats_counters();
  for (auto r : rows) {
    std::map<std::string, int64_t> c;
    for (std::size_t i = 0; i < names.size(); ++i) c[names[i]] = r.i64(static_cast<int>(3 + i));
    out.emplace_back(Key{r.i64(0), r.i64(1), r.str(2)}, std::move(c));
  }
  return out;
}

// The rows of one period window; `by_procedure` selects procedure rows for months too. The
// branches are ORed with nothing else so that SQLite reads each through the primary key (a
// constant "1 = 0 OR …" made it scan the whole table).
void window(storage::QueryBuilder& q, const Pieces& p, bool by_procedure) {
  std::vector<std::string> branches;
  if (!p.months.empty()) {
    std::string months = "(grain = 'm' AND period IN (";
    for (std::size_t i = 0; i < p.months.size(); ++i)
      months += (i ? ", " : "") + q.bind(p.months[i]);
    months += by_procedure ? ") AND procedure_id > 0)" : ") AND procedure_id = 0)";
    branches.push_back(std::move(months));
  }
  for (const auto& [a, b] : p.day_ranges) {
    branches.push_back("(grain = 'd' AND procedure_id > 0 AND period >= " + q.bind(a) +
                       " AND period <= " + q.bind(b) + ")");
  }
  if (branches.empty()) branches.emplace_back("1 = 0");
  q.add("(");
  for (std::size_t i = 0; i < branches.size(); ++i) q.add((i ? " OR " : "") + branches[i]);
  q.add(")");
}

// Everything up to and including `day` (for cumulative received and closed counts), in the
// fewest rows: whole years before it, whole months of its year before its month, then its
// month's days. A day that ends its month or year takes that month's or year's row instead
// (counters are kept by the time things happened, so a row never counts anything later).
void through(storage::QueryBuilder& q, Date day, bool by_procedure) {
  std::string procedures = by_procedure ? " AND procedure_id > 0)" : " AND procedure_id = 0)";
  Date next = add_days(day, 1);
  std::string year = format_iso_date(day).substr(0, 4);
  if (next.year() != day.year()) {
    q.add("(grain = 'y' AND period <= " + q.bind(year) + procedures);
    return;
  }
  bool month_ends = next.month() != day.month();
  Date month = first_of_month(day);
  std::string branches = "((grain = 'y' AND period < " + q.bind(year) + procedures +
                         " OR (grain = 'm' AND period >= " + q.bind(year + "-01") +
                         (month_ends ? " AND period <= " : " AND period < ") +
                         q.bind(month_key(month)) + procedures;
  if (!month_ends) {
    branches +=
        " OR (grain = 'd' AND procedure_id > 0 AND period >= " + q.bind(format_iso_date(month)) +
        " AND period <= " + q.bind(format_iso_date(day)) + ")";
  }
  q.add(branches + ")");
}

int64_t closed_of(const std::map<std::string, int64_t>& c) {
  return c.at("finished_early") + c.at("finished_on_time") + c.at("finished_late") +
         c.at("refused") + c.at("withdrawn");
}

}  // namespace

std::string units_within(storage::QueryBuilder& b, int64_t unit, bool todays_boundaries) {
  std::string x = b.bind(unit);
  std::string sql = "(SELECT unit_id FROM unit_closure WHERE ancestor_id = " + x;
  // By today's boundaries a unit reorganised away counts only with its successor, not also
  // under the parent it had (it stays in the tree for history).
  if (todays_boundaries)
    sql +=
        " AND unit_id NOT IN (SELECT unit_id FROM unit_folds) UNION SELECT f.unit_id FROM "
        "unit_folds f JOIN unit_closure k ON k.unit_id = f.into_id WHERE k.ancestor_id = " +
        x;
  return sql + ")";
}

int64_t StatsRow::finished() const {
  auto get = [&](const char* k) {
    auto it = counters.find(k);
    return it == counters.end() ? 0 : it->second;
  };
  return get("finished_early") + get("finished_on_time") + get("finished_late");
}

boost::json::object StatsRow::to_json() const {
  auto get = [&](const char* k) {
    auto it = counters.find(k);
    return it == counters.end() ? int64_t{0} : it->second;
  };
  auto rate = [](int64_t num, int64_t den) -> boost::json::value {
    if (den == 0) return nullptr;
    return static_cast<double>(num) / static_cast<double>(den);
  };
  boost::json::object counts;
  for (const auto& [k, v] : counters) counts[k] = v;
  int64_t finished_count = finished();
  int64_t received = get("received");
  boost::json::object o{
      {"key", key},
      {"label", label},
      {"counts", std::move(counts)},
      {"carried_over", carried_over},
      {"received", received},
      {"finished", finished_count},
      {"in_progress", in_progress},
      {"on_time_rate", rate(get("finished_early") + get("finished_on_time"), finished_count)},
      {"online_rate", rate(get("received_online"), received)},
      {"postal_rate", rate(get("received_postal"), received)},
      {"satisfaction_rate", rate(get("ratings_satisfied"), get("ratings"))},
      {"digitised_result_rate", rate(get("results_digitised"), finished_count)},
      {"digitised_papers_rate", rate(get("papers_digitised"), received)},
      {"synced_rate", rate(get("synced"), received)},
      {"online_payment_rate", rate(get("fees_paid_online"), get("fee_dossiers"))}};
  o["average_processing_seconds"] =
      finished_count ? boost::json::value(get("processing_seconds") / finished_count)
                     : boost::json::value(nullptr);
  if (in_progress_overdue) {
    o["in_progress_overdue"] = *in_progress_overdue;
    o["in_progress_not_due"] = in_progress - *in_progress_overdue;
  } else {
    o["in_progress_overdue"] = nullptr;
    o["in_progress_not_due"] = nullptr;
  }
  return o;
}

Result<std::vector<StatsRow>> compute_stats(storage::Tx& tx, const StatsQuery& q,
                                            const identity::OrgTree& org, Instant now,
                                            int64_t seconds_per_day) {
  if (sys_days(q.to) < sys_days(q.from))
    return Error::invalid("Khoảng thời gian không hợp lệ: ngày bắt đầu sau ngày kết thúc.");
  if (org.find(q.agency_id) == nullptr) return Error::not_found("Không tìm thấy cơ quan, đơn vị.");
  bool by_procedure =
      q.group_by == "sector" || q.group_by == "procedure" || q.sector_id || q.procedure_id;
  Pieces pieces = split(q.from, q.to);

  // Procedure facts needed for grouping and filtering.
  std::map<int64_t, std::pair<int64_t, std::string>> procedure_sector;  // id → (sector id, label)
  std::map<int64_t, std::string> procedure_name;
  if (by_procedure) {
    TS_ASSIGN_OR_RETURN(
        auto rows,
        tx.query("SELECT p.id, p.sector_id, s.name, p.national_code, p.name FROM procedures p "
                 "JOIN sectors s ON s.id = p.sector_id"));
    for (auto r : rows) {
      procedure_sector[r.i64(0)] = {r.i64(1), r.str(2)};
      procedure_name[r.i64(0)] = r.str(3) + " — " + r.str(4);
    }
  }
  // The agencies counted: the unit and those below it, with (by today's boundaries) every unit
  // reorganised into one of them.
  auto agencies_in = [&](storage::QueryBuilder& b) {
    b.add(" AND agency_unit_id IN " + units_within(b, q.agency_id, q.todays_boundaries));
  };
  // A reorganised unit's figures are grouped with its successor's by today's boundaries.
  auto counted_as = [&](int64_t agency) {
    return q.todays_boundaries ? org.work_successor(agency) : agency;
  };
  auto scope = [&](storage::QueryBuilder& b) {
    agencies_in(b);
    if (q.channel) b.add(" AND channel = " + b.bind(*q.channel));
    if (q.procedure_id) b.add(" AND procedure_id = " + b.bind(*q.procedure_id));
  };
  auto group_of = [&](const Key& k) -> std::pair<std::string, std::string> {
    if (q.group_by == "agency") {
      int64_t agency = counted_as(k.agency);
      auto lineage = org.lineage(agency);
      int64_t top = agency;
      for (std::size_t i = 0; i < lineage.size(); ++i) {
        if (i + 1 < lineage.size() && lineage[i + 1] == q.agency_id) top = lineage[i];
      }
      if (agency == q.agency_id) top = q.agency_id;
      const auto* u = org.find(top);
      return {std::to_string(top), u ? u->name : ""};
    }
    if (q.group_by == "level") {
      const auto* u = org.find(counted_as(k.agency));
      std::string l = u ? u->level : std::string(identity::kProvinceLevel);
      return {l, std::string(org.level_label(l))};
    }
    if (q.group_by == "channel") return {k.channel, channel_label(k.channel)};
    if (q.group_by == "sector") {
      auto it = procedure_sector.find(k.procedure);
      return it == procedure_sector.end()
                 ? std::pair<std::string, std::string>{"0", ""}
                 : std::pair{std::to_string(it->second.first), it->second.second};
    }
    if (q.group_by == "procedure")
      return {std::to_string(k.procedure), procedure_name[k.procedure]};
    return {"", "Tổng cộng"};
  };
  auto sector_ok = [&](const Key& k) {
    if (!q.sector_id) return true;
    auto it = procedure_sector.find(k.procedure);
    return it != procedure_sector.end() && it->second.first == *q.sector_id;
  };

  std::map<std::string, StatsRow> groups;
  auto row_for = [&](const Key& k) -> StatsRow& {
    auto [key, label] = group_of(k);
    StatsRow& r = groups[key];
    r.key = key;
    r.label = label;
    return r;
  };

  storage::QueryBuilder period;
  window(period, pieces, by_procedure);
  scope(period);
  TS_ASSIGN_OR_RETURN(auto sums, sum_rows(tx, period));
  for (auto& [k, c] : sums) {
    if (!sector_ok(k)) continue;
    StatsRow& r = row_for(k);
    for (const auto& [name, v] : c) r.counters[name] += v;
    if (k.channel == "online") r.counters["received_online"] += c.at("received");
    if (k.channel == "postal") r.counters["received_postal"] += c.at("received");
  }
  for (auto& [key, r] : groups) {
    for (const auto& name : stats_counters()) r.counters.try_emplace(name, 0);
    r.counters.try_emplace("received_online", 0);
    r.counters.try_emplace("received_postal", 0);
  }

  // Carried over: received and not closed before `from`; in progress: the same at `to`.
  for (int which = 0; which < 2; ++which) {
    Date day = which == 0 ? add_days(q.from, -1) : q.to;
    storage::QueryBuilder cum;
    through(cum, day, by_procedure);
    scope(cum);
    TS_ASSIGN_OR_RETURN(auto rows, sum_rows(tx, cum));
    for (auto& [k, c] : rows) {
      if (!sector_ok(k)) continue;
      // Open dossiers a reorganisation moved left one agency and joined another.
      int64_t open = c.at("received") + c.at("moved_in") - closed_of(c) - c.at("moved_out");
      (which == 0 ? row_for(k).carried_over : row_for(k).in_progress) += open;
    }
  }

  // Overdue among those in progress: live for today, from snapshots for past days.
  Date today = local_date(now);
  if (sys_days(q.to) >= sys_days(today)) {
    storage::QueryBuilder live(
        "SELECT agency_unit_id, procedure_id, channel, count(*) FROM dossiers WHERE closed_at IS "
        "NULL "
        "AND received_at IS NOT NULL AND paused_since IS NULL AND due_at < ");
    live.add(live.bind(to_millis(now)));
    scope(live);
    live.add(" GROUP BY agency_unit_id, procedure_id, channel");
    TS_ASSIGN_OR_RETURN(auto rows, live.query(tx));
    for (auto& [key, r] : groups) r.in_progress_overdue = 0;
    for (auto r : rows) {
      Key k{r.i64(0), r.i64(1), r.str(2)};
      if (!sector_ok(k)) continue;
      auto& row = row_for(k);
      row.in_progress_overdue = row.in_progress_overdue.value_or(0) + r.i64(3);
    }
  } else if (!by_procedure && !q.channel &&
             (q.group_by == "none" || q.group_by == "agency" || q.group_by == "level")) {
    storage::QueryBuilder snap(
        "SELECT agency_unit_id, overdue_count FROM dossier_open_snapshots WHERE day = ");
    snap.add(snap.bind(format_iso_date(q.to)));
    agencies_in(snap);
    TS_ASSIGN_OR_RETURN(auto rows, snap.query(tx));
    if (!rows.empty()) {
      for (auto& [key, r] : groups) r.in_progress_overdue = 0;
      for (auto r : rows) {
        auto& row = row_for(Key{r.i64(0), 0, ""});
        row.in_progress_overdue = row.in_progress_overdue.value_or(0) + r.i64(1);
      }
    }
  }
  (void)seconds_per_day;
  std::vector<StatsRow> out;
  for (auto& [key, r] : groups) {
    for (const auto& name : stats_counters()) r.counters.try_emplace(name, 0);
    r.counters.try_emplace("received_online", 0);
    r.counters.try_emplace("received_postal", 0);
    out.push_back(std::move(r));
  }
  if (out.empty()) {
    StatsRow empty;
    empty.label = q.group_by == "none" ? "Tổng cộng" : "";
    for (const auto& name : stats_counters()) empty.counters[name] = 0;
    empty.counters["received_online"] = 0;
    empty.counters["received_postal"] = 0;
    if (q.group_by == "none") out.push_back(std::move(empty));
  }
  std::sort(out.begin(), out.end(), [](const StatsRow& a, const StatsRow& b) {
    return a.counters.at("received") > b.counters.at("received") ||
           (a.counters.at("received") == b.counters.at("received") && a.label < b.label);
  });
  return out;
}

namespace {

// Local date (UTC+7) of a millisecond column, in each dialect.
std::string day_of(storage::Dialect d, std::string_view column, bool month) {
  if (d == storage::Dialect::kPostgres) {
    return fmt::format("to_char(to_timestamp(({} + 25200000) / 1000.0) AT TIME ZONE 'UTC', '{}')",
                       column, month ? "YYYY-MM" : "YYYY-MM-DD");
  }
  return fmt::format("strftime('{}', ({} + 25200000) / 1000, 'unixepoch')",
                     month ? "%Y-%m" : "%Y-%m-%d", column);
}

}  // namespace

Status rebuild_stats(storage::Tx& tx) {
  if (tx.is_postgres()) {
    // One snapshot for the whole recount (SQLite's single writer gives it anyway): under READ
    // COMMITTED a transition committing between the delete of the deltas and the recount would
    // be counted twice, once by the recount and once by its surviving deltas.
    TS_TRY(tx.exec_script("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
    TS_TRY(lock_stats_folding(tx));
  }
  TS_TRY(tx.exec("DELETE FROM dossier_stats_delta"));
  TS_TRY(tx.exec("DELETE FROM dossier_stats"));
  TS_TRY(tx.exec("DELETE FROM rating_stats"));
  struct Source {
    const char* column;  // the time the counters belong to
    const char* where;
    std::vector<std::pair<const char*, const char*>> counters;  // column → expression
  };
  const std::vector<Source> sources = {
      {"d.received_at",
       "d.received_at IS NOT NULL",
       {{"received", "1"},
        {"fee_dossiers", "CASE WHEN d.fee_amount > 0 THEN 1 ELSE 0 END"},
        {"synced", "CASE WHEN d.synced_at IS NOT NULL THEN 1 ELSE 0 END"},
        {"papers_digitised",
         "CASE WHEN EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier_id = d.id AND f.role = "
         "'paper') THEN 1 ELSE 0 END"}}},
      {"d.closed_at", "d.outcome = 'not_received'", {{"refused_at_desk", "1"}}},
      {"d.finished_at",
       "d.finished_at IS NOT NULL",
       {{"finished_early", "CASE WHEN d.timeliness = 'early' THEN 1 ELSE 0 END"},
        {"finished_on_time", "CASE WHEN d.timeliness = 'on_time' THEN 1 ELSE 0 END"},
        {"finished_late", "CASE WHEN d.timeliness = 'late' THEN 1 ELSE 0 END"},
        {"processing_seconds", "COALESCE(d.processing_seconds, 0)"},
        {"results_digitised", "CASE WHEN d.result_file_id IS NOT NULL THEN 1 ELSE 0 END"}}},
      {"d.closed_at",
       "d.outcome IN ('refused', 'withdrawn') AND d.received_at IS NOT NULL",
       {{"refused", "CASE WHEN d.outcome = 'refused' THEN 1 ELSE 0 END"},
        {"withdrawn", "CASE WHEN d.outcome = 'withdrawn' THEN 1 ELSE 0 END"}}},
      {"d.returned_at", "d.returned_at IS NOT NULL", {{"returned", "1"}}},
      {"d.fee_paid_at", "d.fee_paid_online = 1", {{"fees_paid_online", "1"}}},
      {"r.rated_at",
       "r.dossier_id = d.id",
       {{"ratings", "1"}, {"ratings_satisfied", "r.satisfied"}}},
  };
  // The agency a dossier had at `time`: the one before the first reorganisation that moved it
  // after that time, or its agency now (figures stay with the boundaries of the time). Without
  // any move, a probe per dossier and counter is saved.
  TS_ASSIGN_OR_RETURN(auto any_move, tx.query("SELECT 1 FROM dossier_agency_moves LIMIT 1"));
  bool moved = !any_move.empty();
  auto agency_at = [moved](std::string_view time) {
    if (!moved) return std::string("d.agency_unit_id");
    return fmt::format(
        "COALESCE((SELECT m.agency_from FROM dossier_agency_moves m WHERE m.dossier_id = d.id AND "
        "m.at > {} ORDER BY m.at LIMIT 1), d.agency_unit_id)",
        time);
  };
  for (const auto& src : sources) {
    bool ratings = std::string_view(src.column).starts_with("r.");
    std::string from =
        ratings ? "dossiers d JOIN dossier_ratings r ON r.dossier_id = d.id" : "dossiers d";
    for (int variant = 0; variant < 3; ++variant) {
      bool month = variant > 0;
      bool rollup = variant == 2;
      std::string cols, exprs, updates;
      for (const auto& [col, expr] : src.counters) {
        cols += std::string(", ") + col;
        exprs += fmt::format(", SUM({})", expr);
        updates += fmt::format("{}{} = dossier_stats.{} + excluded.{}", updates.empty() ? "" : ", ",
                               col, col, col);
      }
      std::string sql = fmt::format(
          "INSERT INTO dossier_stats (grain, period, agency_unit_id, procedure_id, channel{}) "
          "SELECT '{}', {}, {}, {}, d.channel{} FROM {} WHERE {} GROUP BY 2, 3, 4, 5 "
          "ON CONFLICT (grain, period, agency_unit_id, procedure_id, channel) DO UPDATE SET {}",
          cols, month ? "m" : "d", day_of(tx.dialect(), src.column, month), agency_at(src.column),
          rollup ? "0" : "d.procedure_id", exprs, from, src.where, updates);
      TS_TRY(tx.exec_script(sql));
    }
  }
  // Supplement requests come from the timeline.
  for (int variant = 0; variant < 3; ++variant) {
    bool month = variant > 0;
    TS_TRY(
        tx.exec_script(fmt::format("INSERT INTO dossier_stats (grain, period, agency_unit_id, "
                                   "procedure_id, channel, supplement_requests) "
                                   "SELECT '{}', {}, {}, {}, d.channel, count(*) "
                                   "FROM dossier_events e JOIN dossiers d ON d.id = "
                                   "e.dossier_id WHERE e.action = 'request_supplement' GROUP BY 2, "
                                   "3, 4, 5 ON CONFLICT (grain, period, "
                                   "agency_unit_id, procedure_id, channel) DO UPDATE SET "
                                   "supplement_requests = dossier_stats.supplement_requests + "
                                   "excluded.supplement_requests",
                                   month ? "m" : "d", day_of(tx.dialect(), "e.at", month),
                                   agency_at("e.at"), variant == 2 ? "0" : "d.procedure_id")));
  }
  // Open dossiers moved by reorganisations: out of the agency left, into the one joined, on the
  // day of the move (what the dossier mover counts as it moves them).
  for (const auto& [column, agency] :
       {std::pair{"moved_out", "m.agency_from"}, std::pair{"moved_in", "m.agency_to"}}) {
    for (int variant = 0; variant < 3; ++variant) {
      bool month = variant > 0;
      TS_TRY(tx.exec_script(fmt::format(
          "INSERT INTO dossier_stats (grain, period, agency_unit_id, procedure_id, channel, {0}) "
          "SELECT '{1}', {2}, {3}, {4}, d.channel, count(*) FROM dossier_agency_moves m JOIN "
          "dossiers d ON d.id = m.dossier_id WHERE d.received_at IS NOT NULL AND d.received_at "
          "<= m.at AND (d.closed_at IS NULL OR d.closed_at > m.at) GROUP BY 2, 3, 4, 5 ON "
          "CONFLICT (grain, period, agency_unit_id, procedure_id, channel) DO UPDATE SET {0} = "
          "dossier_stats.{0} + excluded.{0}",
          column, month ? "m" : "d", day_of(tx.dialect(), "m.at", month), agency,
          variant == 2 ? "0" : "d.procedure_id")));
    }
  }
  // Years are the sums of their months.
  std::string cols, sums;
  for (const auto& c : stats_counters()) {
    cols += ", " + c;
    sums += ", SUM(" + c + ")";
  }
  TS_TRY(tx.exec_script(fmt::format(
      "INSERT INTO dossier_stats (grain, period, agency_unit_id, procedure_id, channel{}) "
      "SELECT 'y', substr(period, 1, 4), agency_unit_id, procedure_id, channel{} FROM "
      "dossier_stats WHERE grain = 'm' GROUP BY 2, 3, 4, 5",
      cols, sums)));
  // Per-criterion rating counts.
  TS_ASSIGN_OR_RETURN(auto ratings,
                      tx.query("SELECT agency_unit_id, rated_at, answers FROM dossier_ratings"));
  for (auto r : ratings) {
    boost::system::error_code ec;
    auto answers = boost::json::parse(r.view(2), ec);
    if (ec || !answers.is_object()) continue;
    TS_TRY(bump_rating_stats(tx, r.i64(0), answers.as_object(), from_millis(r.i64(1))));
  }
  return ok_status();
}

Status rebuild_open_snapshots(storage::Tx& tx, Date from, Date to) {
  int64_t days = days_between(from, to) + 1;
  if (days <= 0) return ok_status();
  int64_t start_ms = to_millis(local_instant(from, 0));
  auto day_index = [&](int64_t ms) {
    return (ms - start_ms) / 86400000;
  };  // local days from `from`
  std::map<int64_t, std::vector<int64_t>> open_diff, overdue_diff;
  int64_t end_ms = to_millis(local_instant(add_days(to, 1), 0));
  // Dossiers a reorganisation moved: until the end of the day before a move, each day counts
  // with the agency of then (the nightly pass recorded it so).
  std::map<int64_t, std::vector<std::pair<int64_t, int64_t>>> moves;  // dossier → (at, from)
  TS_ASSIGN_OR_RETURN(auto move_rows,
                      tx.query("SELECT dossier_id, at, agency_from FROM dossier_agency_moves "
                               "ORDER BY dossier_id, at"));
  for (auto r : move_rows) moves[r.i64(0)].emplace_back(r.i64(1), r.i64(2));
  // Days [lo, hi) of one agency, of an interval open from day a, overdue from day `due`.
  auto count = [&](int64_t agency, int64_t lo, int64_t hi, std::optional<int64_t> due) {
    if (lo >= hi) return;
    auto& open = open_diff[agency];
    auto& overdue = overdue_diff[agency];
    if (open.empty()) {
      open.assign(static_cast<std::size_t>(days + 1), 0);
      overdue.assign(static_cast<std::size_t>(days + 1), 0);
    }
    open[static_cast<std::size_t>(lo)] += 1;
    open[static_cast<std::size_t>(hi)] -= 1;
    if (due) {
      int64_t from_day = std::max(lo, *due);
      if (from_day < hi) {
        overdue[static_cast<std::size_t>(from_day)] += 1;
        overdue[static_cast<std::size_t>(hi)] -= 1;
      }
    }
  };
  auto add = [&](const storage::Rows::Row& r) {
    // Open at the end of day i when received on or before day i and closed after it.
    int64_t a = std::max<int64_t>(0, day_index(r.i64(2)));
    int64_t b = r.is_null(3) ? days : std::min<int64_t>(days, day_index(r.i64(3)));
    if (a >= b) return;
    std::optional<int64_t> due;
    if (!r.is_null(4)) due = std::max<int64_t>(a, day_index(r.i64(4)));
    int64_t lo = a;
    if (auto m = moves.find(r.i64(0)); m != moves.end()) {
      for (const auto& [at, agency_from] : m->second) {
        // The end of day i is before the move when i < the move's day.
        int64_t hi = std::min<int64_t>(b, std::max<int64_t>(lo, day_index(at)));
        count(agency_from, lo, hi, due);
        lo = hi;
      }
    }
    count(r.i64(1), lo, b, due);
  };
  // Two indexed passes instead of one over the whole table, so that the nightly snapshot of one
  // day reads the open dossiers and those closed since, not every dossier ever received: the
  // dossiers still open, then those closed in or after the period, in closing order.
  constexpr int64_t kBatch = 50000;
  int64_t last_id = 0;
  while (true) {
    TS_ASSIGN_OR_RETURN(
        auto rows,
        tx.query("SELECT id, agency_unit_id, received_at, closed_at, due_at FROM dossiers "
                 "WHERE closed_at IS NULL AND id > $1 AND received_at IS NOT NULL AND "
                 "received_at < $2 ORDER BY id LIMIT $3",
                 {last_id, end_ms, kBatch}));
    for (auto r : rows) {
      last_id = r.i64(0);
      add(r);
    }
    if (static_cast<int64_t>(rows.size()) < kBatch) break;
  }
  int64_t last_closed = start_ms;
  last_id = 0;
  while (true) {
    TS_ASSIGN_OR_RETURN(
        auto rows,
        tx.query("SELECT id, agency_unit_id, received_at, closed_at, due_at FROM dossiers "
                 "WHERE closed_at >= $1 AND (closed_at > $1 OR id > $2) AND received_at IS NOT "
                 "NULL AND received_at < $3 ORDER BY closed_at, id LIMIT $4",
                 {last_closed, last_id, end_ms, kBatch}));
    for (auto r : rows) {
      last_closed = r.i64(3);
      last_id = r.i64(0);
      add(r);
    }
    if (static_cast<int64_t>(rows.size()) < kBatch) break;
  }
  TS_TRY(tx.exec("DELETE FROM dossier_open_snapshots WHERE day >= $1 AND day <= $2",
                 {format_iso_date(from), format_iso_date(to)}));
  for (auto& [agency, open] : open_diff) {
    auto& overdue = overdue_diff[agency];
    int64_t o = 0, od = 0;
    for (int64_t i = 0; i < days; ++i) {
      o += open[static_cast<std::size_t>(i)];
      od += overdue[static_cast<std::size_t>(i)];
      if (o == 0 && od == 0) continue;
      TS_TRY(tx.exec(
          "INSERT INTO dossier_open_snapshots (day, agency_unit_id, open_count, overdue_count) "
          "VALUES ($1, $2, $3, $4)",
          {format_iso_date(add_days(from, static_cast<int>(i))), agency, o, od}));
    }
  }
  return ok_status();
}

}  // namespace tinhso::onestop
