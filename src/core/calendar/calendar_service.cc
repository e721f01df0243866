#include "core/calendar/calendar_service.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/base/resources.h"

namespace tinhso::calendar {
namespace {

Result<std::shared_ptr<const WorkingCalendar>> load(storage::Tx& tx,
                                                    const WorkingTimeRules& rules) {
  std::map<int, YearDays> official;
  TS_ASSIGN_OR_RETURN(auto years, tx.query("SELECT year, source FROM calendar_years"));
  for (auto r : years) {
    YearDays y;
    y.year = static_cast<int>(r.i64(0));
    y.source = r.str(1);
    y.official = true;
    official[y.year] = std::move(y);
  }
  TS_ASSIGN_OR_RETURN(auto days,
                      tx.query("SELECT day, year, kind, name FROM calendar_days ORDER BY day"));
  for (auto r : days) {
    auto d = parse_iso_date(r.view(0));
    if (!d.ok()) return Error::internal(fmt::format("bad calendar day {}", r.str(0)));
    official[static_cast<int>(r.i64(1))].days.push_back(
        {*d, r.view(2) == "work" ? DayKind::kWork : DayKind::kOff, r.str(3)});
  }
  return std::shared_ptr<const WorkingCalendar>(
      std::make_shared<WorkingCalendar>(rules, std::move(official)));
}

Status write_year(storage::Tx& tx, const YearDays& y, int64_t now_ms) {
  TS_TRY(tx.exec("DELETE FROM calendar_days WHERE year = $1", {y.year}));
  TS_TRY(tx.exec("DELETE FROM calendar_years WHERE year = $1", {y.year}));
  TS_TRY(tx.exec("INSERT INTO calendar_years (year, source, updated_at) VALUES ($1, $2, $3)",
                 {y.year, y.source, now_ms}));
  for (const auto& d : y.days) {
    TS_TRY(tx.exec(
        "INSERT INTO calendar_days (day, year, kind, name) VALUES ($1, $2, $3, $4)",
        {format_iso_date(d.date), y.year, d.kind == DayKind::kWork ? "work" : "off", d.name}));
  }
  return storage::bump_version(tx, CalendarService::kVersionKey, now_ms);
}

}  // namespace

CalendarService::CalendarService(storage::Database& db, WorkingTimeRules rules)
    : db_(db),
      rules_(std::move(rules)),
      cache_(db, std::string(kVersionKey), [this](storage::Tx& tx) { return load(tx, rules_); }) {}

Result<std::vector<int>> CalendarService::decided_years() {
  return db_.read([](storage::Tx& tx) -> Result<std::vector<int>> {
    TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT year FROM calendar_years ORDER BY year"));
    std::vector<int> out;
    for (auto r : rows) out.push_back(static_cast<int>(r.i64(0)));
    return out;
  });
}

Result<std::vector<int>> CalendarService::seed_shipped(audit::ChangeLog& log) {
  auto text = resources::get("resources/calendar/vn-official-decisions.json");
  if (!text) return Error::internal("shipped calendar decisions missing from the binary");
  TS_ASSIGN_OR_RETURN(auto shipped, parse_decisions(*text));
  TS_ASSIGN_OR_RETURN(auto existing, decided_years());
  std::vector<int> added;
  for (const auto& y : shipped) {
    if (std::find(existing.begin(), existing.end(), y.year) != existing.end()) continue;
    TS_TRY(
        log.apply(audit::Actor::system("Khởi tạo lịch nghỉ"), [&](audit::ChangeTx& tx) -> Status {
          TS_TRY(write_year(tx.sql(), y, tx.now_ms()));
          return tx.record("calendar.seed_year", "calendar_year", y.year, year_days_to_json(y));
        }));
    added.push_back(y.year);
  }
  if (!added.empty()) cache_.invalidate();
  return added;
}

Status CalendarService::save_year(audit::ChangeLog& log, const audit::Actor& actor,
                                  const YearDays& y) {
  TS_TRY(log.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    TS_TRY(write_year(tx.sql(), y, tx.now_ms()));
    return tx.record("calendar.save_year", "calendar_year", y.year, year_days_to_json(y));
  }));
  cache_.invalidate();
  return ok_status();
}

Status CalendarService::delete_year(audit::ChangeLog& log, const audit::Actor& actor, int year) {
  TS_TRY(log.apply(actor, [&](audit::ChangeTx& tx) -> Status {
    TS_TRY(tx.sql().exec("DELETE FROM calendar_days WHERE year = $1", {year}));
    TS_ASSIGN_OR_RETURN(int64_t n,
                        tx.sql().exec("DELETE FROM calendar_years WHERE year = $1", {year}));
    if (n == 0)
      return Error::not_found(fmt::format("Chưa có quyết định lịch nghỉ cho năm {}.", year));
    TS_TRY(storage::bump_version(tx.sql(), kVersionKey, tx.now_ms()));
    return tx.record("calendar.delete_year", "calendar_year", year,
                     boost::json::object{{"year", year}});
  }));
  cache_.invalidate();
  return ok_status();
}

}  // namespace tinhso::calendar
