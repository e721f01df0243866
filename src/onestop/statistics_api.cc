// Routes: /api/v1/statistics/… (one-stop statistics, QĐ 766 indicators, Excel export),
// /api/v1/registers/tracking (Mẫu 06, now 07) and /api/v1/public/… (dossier look-up and published
// statistics).
#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/base/text.h"
#include "core/calendar/calendar_service.h"
#include "core/export/xlsx.h"
#include "core/http/context.h"
#include "core/identity/org_tree.h"
#include "core/pdf/letterhead.h"
#include "core/storage/sql.h"
#include "onestop/access.h"
#include "onestop/forms.h"
#include "onestop/indicators.h"
#include "onestop/module.h"
#include "onestop/reception_stats.h"
#include "onestop/routes.h"

namespace tinhso::onestop {
namespace {

using boost::json::array;
using boost::json::object;

Result<Date> date_query(const http::Context& ctx, std::string_view name, Date fallback) {
  TS_ASSIGN_OR_RETURN(auto d, ctx.query_date(name));
  return d.value_or(fallback);
}

// The agency of a statistics request (?agency_id, the province by default), read first so that
// the caller is authorised for it before anything else is checked: someone without access
// learns nothing, not even whether the unit exists.
Result<int64_t> stats_agency(const http::Context& ctx, Services& s) {
  TS_ASSIGN_OR_RETURN(auto agency, ctx.query_int("agency_id", 1, INT64_MAX));
  if (agency) return *agency;
  auto roots = s.org.get()->roots();
  if (roots.empty()) return Error::not_found("Chưa có cơ cấu tổ chức.");
  return roots.front();
}

// The rest of a statistics request for `agency`: ?from&to, or ?year (the current year up to
// today by default), grouping and filters.
Result<StatsQuery> stats_query(const http::Context& ctx, Services& s, int64_t agency) {
  StatsQuery q;
  if (s.org.get()->find(agency) == nullptr)
    return Error::validation("agency_id", "Không tìm thấy đơn vị.");
  q.agency_id = agency;
  Date today = local_date(s.clock.now());
  TS_ASSIGN_OR_RETURN(auto year, ctx.query_int("year", 2000, 2200));
  Date first = year ? Date{std::chrono::year(static_cast<int>(*year)), std::chrono::January,
                           std::chrono::day(1)}
                    : Date{today.year(), std::chrono::January, std::chrono::day(1)};
  Date last = year ? Date{std::chrono::year(static_cast<int>(*year)), std::chrono::December,
                          std::chrono::day(31)}
                   : today;
  TS_ASSIGN_OR_RETURN(q.from, date_query(ctx, "from", first));
  TS_ASSIGN_OR_RETURN(q.to, date_query(ctx, "to", last));
  if (q.to < q.from) return Error::validation("to", "Ngày kết thúc phải sau ngày bắt đầu.");
  if (days_between(q.from, q.to) > 3660)
    return Error::validation("from", "Khoảng thời gian tối đa 10 năm.");
  q.group_by = std::string(ctx.request().query_param("group_by").value_or("none"));
  static constexpr std::string_view kGroups[] = {"none",      "agency", "sector",
                                                 "procedure", "level",  "channel"};
  if (std::find(std::begin(kGroups), std::end(kGroups), q.group_by) == std::end(kGroups)) {
    return Error::validation(
        "group_by", "Cách nhóm không hợp lệ (none, agency, sector, procedure, level, channel).");
  }
  if (auto c = ctx.request().query_param("channel")) {
    if (*c != "online" && *c != "desk" && *c != "postal")
      return Error::validation("channel", "Kênh nộp không hợp lệ.");
    q.channel = std::string(*c);
  }
  TS_ASSIGN_OR_RETURN(q.sector_id, ctx.query_int("sector_id", 1, INT64_MAX));
  TS_ASSIGN_OR_RETURN(q.procedure_id, ctx.query_int("procedure_id", 1, INT64_MAX));
  if (auto b = ctx.request().query_param("boundaries")) {
    if (*b != "today" && *b != "recorded")
      return Error::validation("boundaries",
                               "Ranh giới không hợp lệ: today (theo đơn vị hiện nay, gộp số liệu "
                               "của đơn vị đã sắp xếp) hoặc recorded (theo đơn vị tại thời điểm "
                               "ghi nhận).");
    q.todays_boundaries = *b == "today";
  }
  return q;
}

object period_json(const StatsQuery& q) {
  return object{
      {"agency_id", q.agency_id}, {"from", format_iso_date(q.from)}, {"to", format_iso_date(q.to)}};
}

Result<std::vector<StatsRow>> run_stats(Services& s, const StatsQuery& q) {
  auto org = s.org.get();
  auto cal = s.calendar.get();
  return s.db.read([&](storage::Tx& tx) {
    return compute_stats(tx, q, *org, s.clock.now(), cal->rules().seconds_per_day());
  });
}

Result<object> indicators_for(Services& s, const StatsQuery& base) {
  StatsQuery q = base;
  q.group_by = "none";
  TS_ASSIGN_OR_RETURN(auto rows, run_stats(s, q));
  IndicatorInputs in;
  if (!rows.empty()) in.rates = rows.front().to_json();
  auto org = s.org.get();
  const auto* agency = org->find(q.agency_id);
  TS_TRY(s.db.read([&](storage::Tx& tx) -> Status {
    CatalogQuery cq;
    cq.limit = 1;
    if (agency != nullptr && agency->parent_id) {
      cq.agency_code = agency->code;
      cq.agency_inherited_codes = org->inherited_codes(agency->id);
      cq.agency_level = agency->level;
    }
    TS_ASSIGN_OR_RETURN(auto all, search_catalog(tx, cq));
    cq.online_mode = "full";
    TS_ASSIGN_OR_RETURN(auto full, search_catalog(tx, cq));
    in.procedures = all.total;
    in.full_online_procedures = full.total;
    return ok_status();
  }));
  TS_ASSIGN_OR_RETURN(auto o, compute_indicators(in));
  o["period"] = period_json(q);
  o["agency"] = agency ? agency->name : "";
  return o;
}

double rate_or_zero(const object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && !v->is_null() ? v->to_number<double>() : 0.0;
}

Result<std::string> stats_xlsx(const std::vector<StatsRow>& rows, const StatsQuery& q,
                               const std::string& agency) {
  xlsx::Sheet sh;
  sh.name = "Thong ke";
  sh.title = fmt::format("TÌNH HÌNH GIẢI QUYẾT HỒ SƠ TTHC — {} — từ {} đến {}", agency,
                         format_vn_date(q.from), format_vn_date(q.to));
  sh.head = {"Nhóm",
             "Kỳ trước chuyển qua",
             "Tiếp nhận trong kỳ",
             "Trực tuyến",
             "Đã giải quyết",
             "Trước hạn",
             "Đúng hạn",
             "Quá hạn",
             "Đang giải quyết",
             "Trong đó quá hạn",
             "Từ chối",
             "Rút hồ sơ",
             "Tỷ lệ đúng hạn (%)",
             "Tỷ lệ trực tuyến (%)",
             "Tỷ lệ hài lòng (%)"};
  sh.widths = {40, 12, 12, 12, 12, 12, 12, 12, 12, 12, 10, 10, 12, 12, 12};
  for (const auto& r : rows) {
    auto j = r.to_json();
    auto c = [&](const char* k) -> int64_t {
      auto it = r.counters.find(k);
      return it == r.counters.end() ? 0 : it->second;
    };
    sh.rows.push_back(
        {r.label.empty() ? std::string("Tổng") : r.label, r.carried_over, c("received"),
         c("received_online"), r.finished(), c("finished_early"), c("finished_on_time"),
         c("finished_late"), r.in_progress,
         r.in_progress_overdue ? xlsx::Cell(*r.in_progress_overdue) : xlsx::Cell(std::string("")),
         c("refused") + c("refused_at_desk"), c("withdrawn"), rate_or_zero(j, "on_time_rate") * 100,
         rate_or_zero(j, "online_rate") * 100, rate_or_zero(j, "satisfaction_rate") * 100});
  }
  return xlsx::write({sh});
}

Result<std::string> reception_xlsx(const std::vector<ReceptionRow>& rows, const StatsQuery& q,
                                   const std::string& unit) {
  xlsx::Sheet sh;
  sh.name = "Noi tiep nhan";
  sh.title = fmt::format("TIẾP NHẬN VÀ TRẢ KẾT QUẢ THEO NƠI TIẾP NHẬN — {} — từ {} đến {}", unit,
                         format_vn_date(q.from), format_vn_date(q.to));
  sh.head = {"Nơi tiếp nhận",
             "Tiếp nhận",
             "Trực tuyến",
             "Trực tiếp",
             "Bưu chính",
             "Cho cơ quan có quầy tại đây",
             "Tiếp nhận thay nơi khác",
             "Trả kết quả",
             "Tiếp nhận cho các đơn vị"};
  sh.widths = {40, 12, 12, 12, 12, 14, 14, 12, 60};
  for (const auto& r : rows) {
    std::string agencies;
    for (const auto& a : r.by_agency)
      agencies += fmt::format("{}{}: {}", agencies.empty() ? "" : "; ", a.label, a.received);
    sh.rows.push_back({r.label, r.received, r.online, r.desk, r.postal, r.for_own, r.for_others,
                       r.returned, agencies});
  }
  return xlsx::write({sh});
}

}  // namespace

void register_statistics_routes(http::Router& router, OneStop& m) {
  using http::Access;
  using http::Method;
  Services& s = m.services();
  const std::vector<http::QueryParam> kStatsParams = {
      {"agency_id", "Agency (with its sub-units); default the province", false, "integer"},
      {"year", "Calendar year (instead of from/to)", false, "integer"},
      {"from", "YYYY-MM-DD"},
      {"to", "YYYY-MM-DD"},
      {"group_by", "none | agency | sector | procedure | level | channel"},
      {"channel", "online | desk | postal"},
      {"sector_id", "Sector", false, "integer"},
      {"procedure_id", "Procedure", false, "integer"},
      {"boundaries",
       "recorded (default): each figure with the unit that recorded it; today: units reorganised "
       "away count with their successor"}};

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/statistics",
      .summary = "One-stop statistics of an agency over a period: received, resolved early/on "
                 "time/late, in progress, "
                 "overdue, rates; ?format=xlsx for Excel",
      .tag = "statistics",
      .access = Access::kOfficial,
      .query =
          [&] {
            auto p = kStatsParams;
            p.push_back({"format", "json (default) | xlsx"});
            return p;
          }(),
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t agency, stats_agency(ctx, s));
        TS_TRY(ctx.use_grant(authorize_statistics(ctx.who(), ctx.authorizer(), agency)));
        TS_ASSIGN_OR_RETURN(auto q, stats_query(ctx, s, agency));
        TS_ASSIGN_OR_RETURN(auto rows, run_stats(s, q));
        if (ctx.request().query_param("format") == "xlsx") {
          auto org = s.org.get();
          TS_ASSIGN_OR_RETURN(auto bytes, stats_xlsx(rows, q, org->find(q.agency_id)->name));
          return http::Response::file(
              std::move(bytes), xlsx::kContentType,
              fmt::format("thong-ke-{}-{}.xlsx", format_iso_date(q.from), format_iso_date(q.to)));
        }
        array items;
        for (const auto& r : rows) items.push_back(r.to_json());
        return http::Response::json(object{
            {"period", period_json(q)}, {"group_by", q.group_by}, {"items", std::move(items)}});
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/statistics/reception-points",
      .summary = "Dossiers received and results returned at each reception point within an agency "
                 "(reception regardless of administrative boundaries): by channel, for the "
                 "point's own agencies or others, and by competent agency; ?format=xlsx for Excel",
      .tag = "statistics",
      .access = Access::kOfficial,
      .query = {{"agency_id", "The points within this unit; default the province", false,
                 "integer"},
                {"year", "Calendar year (instead of from/to)", false, "integer"},
                {"from", "YYYY-MM-DD"},
                {"to", "YYYY-MM-DD"},
                {"boundaries", "recorded (default) | today"},
                {"format", "json (default) | xlsx"}},
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t agency, stats_agency(ctx, s));
        TS_TRY(ctx.use_grant(authorize_statistics(ctx.who(), ctx.authorizer(), agency)));
        TS_ASSIGN_OR_RETURN(auto q, stats_query(ctx, s, agency));
        auto org = s.org.get();
        Date today = local_date(s.clock.now());
        ReceptionQuery rq{.unit_id = agency,
                          .from = q.from,
                          .to = q.to,
                          .todays_boundaries = q.todays_boundaries};
        TS_ASSIGN_OR_RETURN(auto rows, s.db.read([&](storage::Tx& tx) {
          return reception_point_stats(tx, rq, *org, today);
        }));
        auto format = ctx.request().query_param("format").value_or("json");
        if (format != "json" && format != "xlsx")
          return Error::validation("format", "Định dạng: json hoặc xlsx.");
        if (format == "xlsx") {
          TS_ASSIGN_OR_RETURN(auto bytes, reception_xlsx(rows, q, org->find(agency)->name));
          return http::Response::file(std::move(bytes), xlsx::kContentType,
                                      fmt::format("tiep-nhan-theo-noi-{}-{}.xlsx",
                                                  format_iso_date(q.from), format_iso_date(q.to)));
        }
        array items;
        for (const auto& r : rows) items.push_back(r.to_json());
        return http::Response::json(
            object{{"period", period_json(q)}, {"items", std::move(items)}});
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/statistics/indicators",
      .summary =
          "Service-quality indicators of QĐ 766/QĐ-TTg for an agency and period (points per group)",
      .tag = "statistics",
      .access = Access::kOfficial,
      .query = kStatsParams,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t agency, stats_agency(ctx, s));
        TS_TRY(ctx.use_grant(authorize_statistics(ctx.who(), ctx.authorizer(), agency)));
        TS_ASSIGN_OR_RETURN(auto q, stats_query(ctx, s, agency));
        TS_ASSIGN_OR_RETURN(auto o, indicators_for(s, q));
        return http::Response::json(o);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/registers/tracking",
      .summary = "The dossier tracking register (Mẫu 06, Mẫu 07 since Thông tư 03/2025) of a "
                 "desk or agency for a period, as PDF "
                 "or Excel",
      .tag = "statistics",
      .access = Access::kOfficial,
      .query = {{"unit_id", "Desk or agency", true, "integer"},
                {"from", "YYYY-MM-DD", true},
                {"to", "YYYY-MM-DD", true},
                {"format", "pdf (default) | xlsx"}},
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto unit, ctx.query_int("unit_id", 1, INT64_MAX));
        if (!unit) return Error::validation("unit_id", "Chọn đơn vị.");
        TS_TRY(ctx.use_grant(authorize_register(ctx.who(), ctx.authorizer(), *unit)));
        Date today = local_date(s.clock.now());
        TS_ASSIGN_OR_RETURN(Date from, date_query(ctx, "from", today));
        TS_ASSIGN_OR_RETURN(Date to, date_query(ctx, "to", today));
        if (to < from || days_between(from, to) > 366) {
          return Error::validation("to", "Khoảng thời gian không hợp lệ (tối đa một năm).");
        }
        TS_ASSIGN_OR_RETURN(auto reg, load_tracking_register(s, *unit, from, to));
        std::string name =
            fmt::format("so-theo-doi-ho-so-{}-{}", format_iso_date(from), format_iso_date(to));
        if (ctx.request().query_param("format") == "xlsx") {
          TS_ASSIGN_OR_RETURN(auto bytes, tracking_register_xlsx(reg));
          return http::Response::file(std::move(bytes), xlsx::kContentType, name + ".xlsx");
        }
        auto org = s.org.get();
        return http::Response::file(tracking_register_pdf(reg, pdf::province_place_name(*org)),
                                    "application/pdf", name + ".pdf", true);
      },
  });
}

void register_public_routes(http::Router& router, OneStop& m) {
  using http::Access;
  using http::Method;
  Services& s = m.services();

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/public/dossiers/{code}",
      .summary = "Public look-up of a dossier's progress by its code and a verifier (the "
                 "applicant's phone, ID or tax "
                 "number, or their last 4 digits); failed attempts are rate-limited per client",
      .tag = "public",
      .access = Access::kPublic,
      .execution = http::Execution::kInline,
      .query = {{"verifier", "Phone, ID or tax number (or its last 4+ digits)", true}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        const std::string& ip = ctx.request().client_ip;
        int retry = 0;
        if (!m.lookup_failures().would_allow(ip, &retry)) return Error::rate_limited(retry);
        auto code = ctx.param("code").value_or("");
        auto verifier = ctx.request().query_param("verifier").value_or("");
        auto found = m.dossiers().lookup(code, verifier);
        if (!found.ok() && found.error().status() == 404) m.lookup_failures().allow(ip);
        TS_TRY(found);
        auto r = http::Response::bytes(std::move(*found), "application/json");
        r.set_header("Cache-Control", "no-store");
        return r;
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/public/statistics",
      .summary = "Published one-stop results of the province or an agency: totals, on-time, online "
                 "and satisfaction "
                 "rates, and the QĐ 766 indicators",
      .tag = "public",
      .access = Access::kPublic,
      .query = {{"agency_id", "Agency; default the province", false, "integer"},
                {"year", "Calendar year", false, "integer"},
                {"group_by", "none | agency | sector | level | channel"},
                {"boundaries",
                 "recorded (default) or today (units reorganised away count with "
                 "their successor)"}},
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t agency, stats_agency(ctx, s));
        TS_ASSIGN_OR_RETURN(auto q, stats_query(ctx, s, agency));
        if (q.group_by == "procedure")
          return Error::validation("group_by", "Không hỗ trợ nhóm theo thủ tục ở trang công khai.");
        TS_ASSIGN_OR_RETURN(auto rows, run_stats(s, q));
        array items;
        for (const auto& r : rows) items.push_back(r.to_json());
        TS_ASSIGN_OR_RETURN(auto indicators, indicators_for(s, q));
        auto r = http::Response::json(object{{"period", period_json(q)},
                                             {"group_by", q.group_by},
                                             {"items", std::move(items)},
                                             {"indicators", std::move(indicators)}});
        r.set_header("Cache-Control", "public, max-age=60");
        return r;
      },
  });
}

}  // namespace tinhso::onestop
