// Routes: /api/v1/calendar/… — public calendar tools and the administration of yearly
// official decisions.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/base/time.h"
#include "core/calendar/api.h"
#include "core/calendar/calendar_service.h"
#include "core/calendar/lunar.h"
#include "core/http/context.h"
#include "core/http/schema.h"

namespace tinhso::calendar {
namespace {

Result<int> year_param(const http::Context& ctx, std::string_view name) {
  TS_ASSIGN_OR_RETURN(auto y, ctx.query_int(name, 1900, 2200));
  if (!y) return Error::invalid(fmt::format("Thiếu tham số {} (năm, ví dụ 2026).", name));
  return static_cast<int>(*y);
}

boost::json::object lunar_json(Date solar) {
  LunarDate l = to_lunar(solar);
  return boost::json::object{
      {"solar", format_iso_date(solar)},
      {"weekday", weekday_vi(iso_weekday(solar))},
      {"lunar",
       boost::json::object{{"day", l.day}, {"month", l.month}, {"year", l.year}, {"leap", l.leap}}},
      {"can_chi", boost::json::object{{"year", can_chi_year(l.year)},
                                      {"month", can_chi_month(l)},
                                      {"day", can_chi_day(solar)}}},
      {"month_length", lunar_month_length(solar)},
      {"text", fmt::format("Ngày {} tháng {}{} năm {}", l.day, l.month, l.leap ? " (nhuận)" : "",
                           can_chi_year(l.year))},
  };
}

boost::json::object days_json(const WorkingCalendar& cal, int year) {
  const YearDays& y = cal.year_days(year);
  boost::json::array off, work;
  for (const auto& d : y.days) {
    boost::json::object o{{"date", format_iso_date(d.date)},
                          {"weekday", weekday_vi(iso_weekday(d.date))},
                          {"name", d.name}};
    (d.kind == DayKind::kOff ? off : work).push_back(std::move(o));
  }
  // Working days in the year, for planning.
  int working = 0;
  for (Date d{std::chrono::year(year), std::chrono::January, std::chrono::day(1)};
       static_cast<int>(d.year()) == year; d = add_days(d, 1)) {
    if (cal.is_working_day(d)) ++working;
  }
  return boost::json::object{{"year", year},
                             {"official", y.official},
                             {"source", y.source},
                             {"days_off", std::move(off)},
                             {"work_days", std::move(work)},
                             {"working_days_in_year", working}};
}

boost::json::object rules_json(const WorkingTimeRules& r) {
  boost::json::array days, periods;
  for (auto d : r.weekly.working) days.push_back(d);
  for (const auto& p : r.periods) {
    periods.push_back(
        boost::json::string(fmt::format("{:02}:{:02}-{:02}:{:02}", p.start / 3600,
                                        p.start / 60 % 60, p.end / 3600, p.end / 60 % 60)));
  }
  boost::json::object o{{"work_days", std::move(days)},
                        {"work_periods", std::move(periods)},
                        {"minutes_per_day", r.seconds_per_day() / 60}};
  o["afternoon_cutoff"] =
      r.afternoon_cutoff ? boost::json::value(fmt::format("{:02}:{:02}", *r.afternoon_cutoff / 3600,
                                                          *r.afternoon_cutoff / 60 % 60))
                         : nullptr;
  return o;
}

}  // namespace

std::string_view weekday_vi(int iso_weekday) {
  static constexpr std::string_view kNames[] = {"Thứ Hai", "Thứ Ba",  "Thứ Tư",  "Thứ Năm",
                                                "Thứ Sáu", "Thứ Bảy", "Chủ nhật"};
  return kNames[(iso_weekday + 6) % 7];
}

void register_calendar_routes(http::Router& router, Services& s) {
  using http::Access;
  using http::Execution;
  using http::Method;

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/calendar/holidays",
      .summary = "Days off and make-up working days of a year (official decision or statutory "
                 "computation)",
      .tag = "calendar",
      .access = Access::kPublic,
      .execution = Execution::kInline,
      .query = {{"year", "Year, e.g. 2026", true, "integer"}},
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int year, year_param(ctx, "year"));
        return http::Response::json(days_json(*s.calendar.get(), year));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/calendar/lunar",
      .summary = "Lunar date (Vietnamese calendar, UTC+7) of a solar date, or the solar date of a "
                 "lunar one",
      .tag = "calendar",
      .access = Access::kPublic,
      .execution = Execution::kInline,
      .query = {{"date", "Solar date YYYY-MM-DD"},
                {"lunar_day", "With lunar_month and lunar_year: convert to solar", false,
                 "integer"},
                {"lunar_month", "1–12", false, "integer"},
                {"lunar_year", "Lunar year", false, "integer"},
                {"leap", "1 for a leap month", false, "integer"}},
      .handler = [](http::Context& ctx) -> Result<http::Response> {
        if (auto d = ctx.request().query_param("date")) {
          TS_ASSIGN_OR_RETURN(Date date, parse_iso_date(*d));
          if (static_cast<int>(date.year()) < 1900 || static_cast<int>(date.year()) > 2199) {
            return Error::invalid("Chỉ hỗ trợ các năm từ 1900 đến 2199.");
          }
          return http::Response::json(lunar_json(date));
        }
        TS_ASSIGN_OR_RETURN(auto day, ctx.query_int("lunar_day", 1, 30));
        TS_ASSIGN_OR_RETURN(auto month, ctx.query_int("lunar_month", 1, 12));
        TS_ASSIGN_OR_RETURN(auto year, ctx.query_int("lunar_year", 1900, 2199));
        TS_ASSIGN_OR_RETURN(auto leap, ctx.query_int("leap", 0, 1));
        if (!day || !month || !year) {
          return Error::invalid(
              "Cần tham số date (YYYY-MM-DD) hoặc lunar_day, lunar_month, lunar_year.");
        }
        auto solar = to_solar(LunarDate{static_cast<int>(*day), static_cast<int>(*month),
                                        static_cast<int>(*year), leap.value_or(0) == 1});
        if (!solar) return Error::not_found("Ngày âm lịch này không tồn tại.");
        return http::Response::json(lunar_json(*solar));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/calendar/due",
      .summary =
          "Due time of a processing time in working days and/or hours counted from an instant",
      .tag = "calendar",
      .access = Access::kPublic,
      .execution = Execution::kInline,
      .query = {{"from", "RFC 3339 time of reception, e.g. 2026-11-23T09:30:00+07:00", true},
                {"working_days", "Working days (0–1000)", false, "integer"},
                {"working_hours", "Working hours (0–10000)", false, "integer"}},
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        auto from_text = ctx.request().query_param("from");
        if (!from_text) return Error::invalid("Thiếu tham số from (thời điểm tiếp nhận).");
        TS_ASSIGN_OR_RETURN(Instant from, parse_rfc3339(*from_text));
        TS_ASSIGN_OR_RETURN(auto days, ctx.query_int("working_days", 0, 1000));
        TS_ASSIGN_OR_RETURN(auto hours, ctx.query_int("working_hours", 0, 10000));
        if (!days && !hours) return Error::invalid("Cần working_days hoặc working_hours.");
        int y = static_cast<int>(local_date(from).year());
        if (y < 1901 || y > 2190) return Error::invalid("Chỉ hỗ trợ các năm từ 1901 đến 2190.");
        auto cal = s.calendar.get();
        Instant start = cal->counting_start(from);
        Instant due = cal->due(from, days.value_or(0), hours.value_or(0));
        return http::Response::json(boost::json::object{
            {"from", format_rfc3339(from)},
            {"counting_starts", format_rfc3339(start)},
            {"due", format_rfc3339(due)},
            {"due_text", format_vn_appointment(due)},
            {"working_days", days.value_or(0)},
            {"working_hours", hours.value_or(0)},
            {"rules", rules_json(cal->rules())},
        });
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/calendar/working-time",
      .summary = "Working time between two instants",
      .tag = "calendar",
      .access = Access::kPublic,
      .execution = Execution::kInline,
      .query = {{"from", "RFC 3339", true}, {"to", "RFC 3339", true}},
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        auto a = ctx.request().query_param("from");
        auto b = ctx.request().query_param("to");
        if (!a || !b) return Error::invalid("Cần tham số from và to.");
        TS_ASSIGN_OR_RETURN(Instant from, parse_rfc3339(*a));
        TS_ASSIGN_OR_RETURN(Instant to, parse_rfc3339(*b));
        if (to - from > std::chrono::hours(24 * 366 * 20))
          return Error::invalid("Khoảng thời gian quá dài (tối đa 20 năm).");
        auto cal = s.calendar.get();
        int64_t secs = cal->working_seconds_between(from, to);
        return http::Response::json(boost::json::object{
            {"from", format_rfc3339(from)},
            {"to", format_rfc3339(to)},
            {"working_seconds", secs},
            {"working_hours", static_cast<double>(secs) / 3600.0},
            {"working_days",
             static_cast<double>(secs) / static_cast<double>(cal->rules().seconds_per_day())}});
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/calendar/settings",
      .summary = "Weekly working time of the province",
      .tag = "calendar",
      .access = Access::kPublic,
      .execution = Execution::kInline,
      .handler = [&s](http::Context&) -> Result<http::Response> {
        return http::Response::json(rules_json(s.calendar.rules()));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/calendar/decisions",
      .summary = "Years with a recorded official decision on days off",
      .tag = "calendar",
      .access = Access::kOfficial,
      .handler = [&s](http::Context&) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto years, s.calendar.decided_years());
        boost::json::array a;
        for (int y : years) a.push_back(y);
        return http::Response::json(boost::json::object{{"years", std::move(a)}});
      },
  });

  router.add({
      .method = Method::kPut,
      .path = "/api/v1/calendar/decisions/{year}",
      .summary =
          "Record (replace) the official decision on days off and make-up working days of a year",
      .tag = "calendar",
      .access = Access::kOfficial,
      .body_limit = 64 * 1024,
      .request_schema = http::schema(R"({"type":"object","required":["source"],"properties":{
          "source":{"type":"string","description":"The decision, e.g. Thông báo số …/TB-BNV"},
          "days_off":{"type":"array","items":{"type":"object","required":["date","name"],
            "properties":{"date":{"type":"string","format":"date"},"name":{"type":"string"}}}},
          "work_days":{"type":"array","items":{"type":"object","required":["date","name"],
            "properties":{"date":{"type":"string","format":"date"},"name":{"type":"string"}}}}}})"),
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.authorize_anywhere(identity::kManageCalendar));
        TS_ASSIGN_OR_RETURN(int64_t year, ctx.id_param("year"));
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        if (!body.is_object()) return Error::invalid("Dữ liệu phải là một đối tượng JSON.");
        body.as_object()["year"] = year;
        TS_ASSIGN_OR_RETURN(auto y, parse_year_decision(body));
        TS_TRY(s.calendar.save_year(s.changes, ctx.actor(), y));
        return http::Response::json(days_json(*s.calendar.get(), y.year));
      },
  });

  router.add({
      .method = Method::kDelete,
      .path = "/api/v1/calendar/decisions/{year}",
      .summary = "Remove a year's decision; the year falls back to the statutory computation",
      .tag = "calendar",
      .access = Access::kOfficial,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_TRY(ctx.authorize_anywhere(identity::kManageCalendar));
        TS_ASSIGN_OR_RETURN(int64_t year, ctx.id_param("year"));
        TS_TRY(s.calendar.delete_year(s.changes, ctx.actor(), static_cast<int>(year)));
        return http::Response::no_content();
      },
  });
}

}  // namespace tinhso::calendar
