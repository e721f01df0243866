#include "onestop/stats_counters.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <map>
#include <tuple>

#include "core/storage/query_builder.h"

namespace tinhso::onestop {

const std::vector<std::string>& stats_counters() {
  static const std::vector<std::string> kCounters = {"received",
                                                     "refused_at_desk",
                                                     "finished_early",
                                                     "finished_on_time",
                                                     "finished_late",
                                                     "refused",
                                                     "withdrawn",
                                                     "supplement_requests",
                                                     "returned",
                                                     "processing_seconds",
                                                     "results_digitised",
                                                     "papers_digitised",
                                                     "fee_dossiers",
                                                     "fees_paid_online",
                                                     "ratings",
                                                     "ratings_satisfied",
                                                     "synced",
                                                     "moved_in",
                                                     "moved_out"};
  return kCounters;
}

namespace {

constexpr std::string_view kKeyColumns = "grain, period, agency_unit_id, procedure_id, channel";

// "received, refused_at_desk, …".
std::string counter_list() {
  std::string out;
  for (const auto& c : stats_counters()) out += (out.empty() ? "" : ", ") + c;
  return out;
}

// Adds `sums` (counter → amount, counters from the fixed list) to the rows of the day of `at`
// of one agency, procedure and channel: appended as deltas, or added to the totals.
Status add_counts(storage::Tx& tx, bool to_totals, int64_t agency, int64_t procedure,
                  std::string_view channel, const std::map<std::string, int64_t>& sums,
                  Instant at) {
  Date day = local_date(at);
  std::string d_period = format_iso_date(day);
  std::string m_period = d_period.substr(0, 7);
  std::string y_period = d_period.substr(0, 4);
  // Days and months per procedure and as the agency's roll-up (procedure 0) for months; years
  // too, because "carried over" and "in progress" sum everything before a date, and a handful of
  // year rows cost less than every month since the first dossier.
  struct Row {
    const char* grain;
    const std::string& period;
    int64_t procedure;
  };
  const Row rows[] = {{"d", d_period, procedure},
                      {"m", m_period, procedure},
                      {"m", m_period, 0},
                      {"y", y_period, procedure},
                      {"y", y_period, 0}};
  // The column names come from the fixed list above, never from input.
  std::string columns, updates;
  for (const auto& [name, amount] : sums) {
    columns += ", " + name;
    updates += fmt::format("{}{} = dossier_stats.{} + excluded.{}", updates.empty() ? "" : ", ",
                           name, name, name);
  }
  storage::QueryBuilder q(fmt::format("INSERT INTO {} ({}{}) VALUES ",
                                      to_totals ? "dossier_stats" : "dossier_stats_delta",
                                      kKeyColumns, columns));
  for (const Row& r : rows) {
    std::string values = q.bind(r.grain) + ", " + q.bind(r.period) + ", " + q.bind(agency) + ", " +
                         q.bind(r.procedure) + ", " + q.bind(std::string(channel));
    for (const auto& [name, amount] : sums) values += ", " + q.bind(amount);
    q.add((&r == rows ? "(" : ", (") + values + ")");
  }
  if (to_totals) q.add(fmt::format(" ON CONFLICT ({}) DO UPDATE SET {}", kKeyColumns, updates));
  // Nothing in the transaction reads it back, so it travels with the commit.
  return q.exec_later(tx);
}

}  // namespace

Status bump_stats(storage::Tx& tx, const Dossier& d, const std::vector<StatsDelta>& deltas,
                  Instant at) {
  if (deltas.empty()) return ok_status();
  const auto& names = stats_counters();
  std::map<std::string, int64_t> sums;
  for (const auto& delta : deltas) {
    if (std::find(names.begin(), names.end(), delta.counter) == names.end())
      return Error::internal("unknown statistics counter " + delta.counter);
    sums[delta.counter] += delta.amount;
  }
  return add_counts(tx, false, d.agency_unit_id, d.procedure_id, d.channel, sums, at);
}

Status bump_moved_stats(storage::Tx& tx, int64_t from, int64_t to, int64_t procedure,
                        std::string_view channel, int64_t count, Instant at) {
  TS_TRY(add_counts(tx, true, from, procedure, channel, {{"moved_out", count}}, at));
  return add_counts(tx, true, to, procedure, channel, {{"moved_in", count}}, at);
}

std::string stats_source(std::string_view where) {
  std::string cols = fmt::format("{}, {}", kKeyColumns, counter_list());
  return fmt::format(
      "(SELECT {0} FROM dossier_stats WHERE {1} UNION ALL SELECT {0} FROM dossier_stats_delta "
      "WHERE {1}) s",
      cols, where);
}

namespace {

// Deletes up to `limit` of the oldest deltas and adds their sums to the totals.
Result<int64_t> fold(storage::Tx& tx, int limit) {
  TS_ASSIGN_OR_RETURN(
      auto moved,
      tx.query(fmt::format("DELETE FROM dossier_stats_delta WHERE id IN (SELECT id FROM "
                           "dossier_stats_delta ORDER BY id LIMIT $1) RETURNING {}, {}",
                           kKeyColumns, counter_list()),
               {limit}));
  const std::size_t n = stats_counters().size();
  using Key = std::tuple<std::string, std::string, int64_t, int64_t, std::string>;
  std::map<Key, std::vector<int64_t>> totals;  // ordered: two folders lock rows in one order
  for (auto r : moved) {
    auto& t = totals[Key{r.str(0), r.str(1), r.i64(2), r.i64(3), r.str(4)}];
    t.resize(n);
    for (std::size_t i = 0; i < n; ++i) t[i] += r.i64(static_cast<int>(5 + i));
  }
  std::string updates;
  for (const auto& c : stats_counters())
    updates +=
        fmt::format("{}{} = dossier_stats.{} + excluded.{}", updates.empty() ? "" : ", ", c, c, c);
  for (const auto& [key, sums] : totals) {
    storage::QueryBuilder q(
        fmt::format("INSERT INTO dossier_stats ({}, {}) VALUES (", kKeyColumns, counter_list()));
    q.add(q.bind(std::get<0>(key)) + ", " + q.bind(std::get<1>(key)) + ", " +
          q.bind(std::get<2>(key)) + ", " + q.bind(std::get<3>(key)) + ", " +
          q.bind(std::get<4>(key)));
    for (int64_t v : sums) q.add(", " + q.bind(v));
    q.add(fmt::format(") ON CONFLICT ({}) DO UPDATE SET {}", kKeyColumns, updates));
    TS_TRY(q.exec(tx));
  }
  return static_cast<int64_t>(moved.size());
}

}  // namespace

// The PostgreSQL advisory lock (transaction-scoped) that folds and `stats rebuild` share.
constexpr int64_t kStatsFoldLock = 0x7473'0001;  // "ts" + 1

Result<int64_t> fold_stats_deltas(storage::Database& db, int limit) {
  // Derived data: no audit entry (the transitions that made the deltas have theirs).
  return db.write([&](storage::Tx& tx) -> Result<int64_t> {
    if (tx.is_postgres()) {
      TS_ASSIGN_OR_RETURN(auto got,
                          tx.query("SELECT pg_try_advisory_xact_lock($1)", {kStatsFoldLock}));
      if (!got.front().boolean(0)) return 0;  // another node is folding, or a rebuild runs
    }
    return fold(tx, limit);
  });
}

Status lock_stats_folding(storage::Tx& tx) {
  if (!tx.is_postgres()) return ok_status();
  TS_TRY(tx.query("SELECT pg_advisory_xact_lock($1)", {kStatsFoldLock}));
  return ok_status();
}

StatsFolder::StatsFolder(storage::Database& db)
    : task_(std::chrono::seconds(1), [&db, failing = false]() mutable {
        constexpr int kBatch = 5000;
        auto fold_batch = [&]() -> Result<int64_t> {
          // A read first: an idle server does not open a write transaction every second.
          TS_ASSIGN_OR_RETURN(auto any, db.query_once("SELECT 1 FROM dossier_stats_delta LIMIT 1"));
          if (any.empty()) return 0;
          return fold_stats_deltas(db, kBatch);
        };
        // A backlog (after an outage, or a burst) is drained batch by batch, each its own
        // short transaction, for at most two seconds a tick so that stopping never waits long.
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        while (std::chrono::steady_clock::now() < until) {
          auto n = fold_batch();
          if (!n.ok()) {
            // Once per outage, not once a second: readers stay exact without the pass.
            if (!failing) spdlog::warn("statistics fold: {}", n.error().describe());
            failing = true;
            return;
          }
          if (failing) spdlog::info("statistics fold: working again");
          failing = false;
          if (*n < kBatch) return;
        }
      }) {}

Status bump_rating_stats(storage::Tx& tx, int64_t agency, const boost::json::object& answers,
                         Instant at) {
  std::string month = format_iso_date(local_date(at)).substr(0, 7);
  for (const auto& [criterion, score] : answers) {
    TS_TRY(
        tx.exec("INSERT INTO rating_stats (period, agency_unit_id, criterion, score, n) VALUES "
                "($1, $2, $3, $4, 1) "
                "ON CONFLICT (period, agency_unit_id, criterion, score) DO UPDATE SET n = "
                "rating_stats.n + 1",
                {month, agency, std::string(criterion), score.as_int64()}));
  }
  return ok_status();
}

}  // namespace tinhso::onestop
