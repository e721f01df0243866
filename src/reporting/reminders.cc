#include "reporting/reminders.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <map>
#include <optional>
#include <set>

#include "core/identity/roles.h"
#include "core/outbox/outbox.h"
#include "reporting/regimes.h"
#include "reporting/reports.h"

namespace tinhso::reporting {
namespace {

using boost::json::object;

// " kỳ Quý IV/2026" in a sentence; nothing for a report asked once (its name says what it is).
std::string of_period(const Period& p) {
  return p.type == PeriodType::kOnce ? std::string() : " kỳ " + p.label_vi();
}

// Working days after `today`, up to and including `due`, counting no further than `cap` + 1.
int working_days_left(const calendar::WorkingCalendar& cal, Date today, Date due, int cap) {
  int n = 0;
  for (Date d = add_days(today, 1); d <= due && n <= cap; d = add_days(d, 1))
    if (cal.is_working_day(d)) ++n;
  return n;
}

}  // namespace

Result<int> send_reminders(storage::Database& db, audit::ChangeLog& changes,
                           const identity::OrgTree& org, const calendar::WorkingCalendar& cal,
                           const ReminderOptions& options) {
  TS_ASSIGN_OR_RETURN(auto regimes, db.read([](storage::Tx& tx) { return load_regimes(tx); }));
  int n = 0;
  std::optional<Error> first_error;
  for (const auto& g : regimes) {
    if (!g.active) continue;
    auto sent = changes.apply(audit::Actor::system(), [&](audit::ChangeTx& tx) {
      return send_regime_reminders(tx, g.id, org, cal, options);
    });
    if (sent.ok()) {
      n += *sent;
    } else {
      spdlog::warn("report reminders of regime {}: {}", g.code, sent.error().describe());
      if (!first_error) first_error = sent.error();
    }
  }
  if (first_error) return *first_error;
  return n;
}

Result<int> send_regime_reminders(audit::ChangeTx& tx, int64_t regime_id,
                                  const identity::OrgTree& org,
                                  const calendar::WorkingCalendar& cal,
                                  const ReminderOptions& options) {
  storage::Tx& sql = tx.sql();
  Date today = local_date(tx.now());
  TS_ASSIGN_OR_RETURN(auto regime, load_regime(sql, regime_id));
  int sent = 0;
  // Deactivated or deleted since the list was read: nothing to remind.
  if (regime && regime->active) {
    const Regime& g = *regime;
    auto reporters = reporters_of(g, org);
    for (const Period& p : reporters.empty() ? std::vector<Period>{} : open_periods(g, today)) {
      int unreachable = 0;
      if (window_of(g, p).from > today) continue;
      Date due = due_date(g, p, cal);
      // Nobody was asked for a report due before the regime existed.
      if (!asked_for(g, due)) continue;
      std::string kind;
      if (today <= due) {
        if (working_days_left(cal, today, due, options.days_before) > options.days_before) continue;
        kind = "before";
      } else {
        auto locks_after = lock_date(g, p, cal);
        if (locks_after && today > *locks_after) continue;
        kind = "overdue";
      }
      // What was already reminded, and what was sent, in two reads for the whole period.
      TS_ASSIGN_OR_RETURN(auto done, sql.query("SELECT unit_id FROM reporting_reminders WHERE "
                                               "regime_id = $1 AND period = $2 AND kind = $3",
                                               {g.id, p.id(), kind}));
      std::set<int64_t> reminded;
      for (auto r : done) reminded.insert(r.i64(0));
      TS_ASSIGN_OR_RETURN(auto reports, reports_of(sql, g.id, {p.id()}));
      std::set<int64_t> sent_units;
      for (const auto& r : reports)
        if (is_sent(r.status)) sent_units.insert(r.unit_id);
      for (int64_t unit : reporters) {
        if (reminded.contains(unit) || sent_units.contains(unit)) continue;
        TS_ASSIGN_OR_RETURN(
            auto leaders,
            sql.query("SELECT DISTINCT o.id, o.full_name, o.email, o.phone FROM officials o JOIN "
                      "role_grants r ON r.official_id = o.id WHERE r.unit_id = $1 AND r.role = "
                      "$2 AND o.active = 1 ORDER BY o.id",
                      {unit, std::string(identity::role_name(identity::Role::kLeader))}));
        // A unit nobody can be told about (no leader with an address the configured channels
        // reach) is not claimed: it is reminded on a later pass, once someone has an address,
        // instead of being recorded as reminded when nobody was.
        bool reachable = false;
        for (auto r : leaders) {
          reachable = reachable || (options.email && !r.str(2).empty()) ||
                      (options.sms && !r.str(3).empty());
        }
        if (!reachable) {
          ++unreachable;
          continue;
        }
        // Claimed first: another node's pass that got here meanwhile sends nothing.
        TS_ASSIGN_OR_RETURN(
            auto claimed,
            sql.query(
                "INSERT INTO reporting_reminders (regime_id, period, unit_id, kind, "
                "recipients, sent_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO "
                "NOTHING RETURNING unit_id",
                {g.id, p.id(), unit, kind, static_cast<int64_t>(leaders.size()), tx.now_ms()}));
        if (claimed.empty()) continue;
        const auto* u = org.find(unit);
        std::string unit_name = u ? u->name : std::to_string(unit);
        int64_t mailed = 0, texted = 0;
        bool overdue = kind == "overdue";
        for (auto r : leaders) {
          if (!options.sms || r.is_null(3) || r.str(3).empty()) continue;
          // Short, as one-stop's SMS are: the e-mail carries the link and the details.
          std::string message = fmt::format("{} gửi báo cáo {}{} của {}: hạn {}.",
                                            overdue ? "Đã quá hạn" : "Sắp đến hạn", g.code,
                                            of_period(p), unit_name, format_vn_date(due));
          TS_TRY(outbox::enqueue(
              sql,
              outbox::Message{
                  "sms", r.str(3),
                  object{{"to", r.str(3)}, {"message", message}, {"event", "report_reminder"}},
                  fmt::format("report-reminder-sms-{}-{}-{}-{}-{}", g.id, p.id(), unit, kind,
                              r.i64(0)),
                  "reporting_regime", std::to_string(g.id)},
              tx.now_ms()));
          ++texted;
        }
        for (auto r : leaders) {
          if (!options.email || r.is_null(2) || r.str(2).empty()) continue;
          std::string subject = fmt::format(
              "{} gửi báo cáo {}{}", overdue ? "Đã quá hạn" : "Sắp đến hạn", g.name, of_period(p));
          std::string body = fmt::format(
              "Kính gửi {},\n\n{} chưa gửi báo cáo \"{}\"{}; hạn gửi ngày {}.\n{}\n\nMở báo "
              "cáo: {}/can-bo/bao-cao/{}/{}/{}\n\nĐây là thư tự động của hệ thống thông tin báo "
              "cáo.",
              r.str(1), unit_name, g.name, of_period(p), format_vn_date(due),
              overdue ? "Báo cáo đã quá hạn; đề nghị hoàn thành và gửi ngay."
                      : "Đề nghị hoàn thành và gửi trước thời hạn.",
              options.public_url, g.id, p.id(), unit);
          TS_TRY(outbox::enqueue(
              sql,
              outbox::Message{
                  "email", r.str(2), object{{"subject", subject}, {"body", body}},
                  fmt::format("report-reminder-{}-{}-{}-{}-{}", g.id, p.id(), unit, kind, r.i64(0)),
                  "reporting_regime", std::to_string(g.id)},
              tx.now_ms()));
          ++mailed;
        }
        TS_TRY(tx.record("report.remind", "reporting_regime", g.id,
                         object{{"period", p.id()},
                                {"unit_id", unit},
                                {"kind", kind},
                                {"due_date", format_iso_date(due)},
                                {"leaders", static_cast<int64_t>(leaders.size())},
                                {"mailed", mailed},
                                {"texted", texted}}));
        ++sent;
      }
      if (unreachable > 0) {
        spdlog::warn(
            "report reminders of {} {}: {} reporting unit(s) have no leader with an e-mail "
            "address{} to remind",
            g.code, p.id(), unreachable, options.sms ? " or a phone number" : "");
      }
    }
  }
  if (sent == 0) tx.mark_unchanged();
  return sent;
}

}  // namespace tinhso::reporting
