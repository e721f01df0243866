#include "onestop/stats_counters.h"

#include <fmt/format.h>

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
                                                     "synced"};
  return kCounters;
}

Status bump_stats(storage::Tx& tx, const Dossier& d, const std::vector<StatsDelta>& deltas,
                  Instant at) {
  Date day = local_date(at);
  std::string d_period = format_iso_date(day);
  std::string m_period = d_period.substr(0, 7);
  std::string y_period = d_period.substr(0, 4);
  for (const auto& delta : deltas) {
    const auto& names = stats_counters();
    if (std::find(names.begin(), names.end(), delta.counter) == names.end()) {
      return Error::internal("unknown statistics counter " + delta.counter);
    }
    // The column name comes from the fixed list above, never from input.
    std::string sql = fmt::format(
        "INSERT INTO dossier_stats (grain, period, agency_unit_id, procedure_id, channel, {0}) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (grain, period, agency_unit_id, procedure_id, "
        "channel) "
        "DO UPDATE SET {0} = dossier_stats.{0} + $6",
        delta.counter);
    TS_TRY(
        tx.exec(sql, {"d", d_period, d.agency_unit_id, d.procedure_id, d.channel, delta.amount}));
    TS_TRY(
        tx.exec(sql, {"m", m_period, d.agency_unit_id, d.procedure_id, d.channel, delta.amount}));
    TS_TRY(tx.exec(sql, {"m", m_period, d.agency_unit_id, int64_t{0}, d.channel, delta.amount}));
    // Years: "carried over" and "in progress" sum everything before a date, and a handful of
    // year rows cost less than every month since the first dossier.
    TS_TRY(
        tx.exec(sql, {"y", y_period, d.agency_unit_id, d.procedure_id, d.channel, delta.amount}));
    TS_TRY(tx.exec(sql, {"y", y_period, d.agency_unit_id, int64_t{0}, d.channel, delta.amount}));
  }
  return ok_status();
}

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
