// Routes: /api/v1/reporting/… — forms, regimes, one unit's report of a period (read, act,
// Excel), and a regime's completeness, aggregates and pivot. No SQL, no permission logic: the
// service decides.
#include <fmt/format.h>

#include "core/base/text.h"
#include "core/export/xlsx.h"
#include "core/http/context.h"
#include "core/identity/org_tree.h"
#include "reporting/pivot_view.h"
#include "reporting/routes.h"

namespace tinhso::reporting {

using boost::json::object;
using http::Access;
using http::Method;

namespace {

// The report a path names: /regimes/{id}/reports/{period}/{unit_id}.
struct ReportKey {
  int64_t regime = 0;
  std::string period;
  int64_t unit = 0;
};

Result<ReportKey> report_key(const http::Context& ctx) {
  ReportKey k;
  TS_ASSIGN_OR_RETURN(k.regime, ctx.id_param("id"));
  TS_ASSIGN_OR_RETURN(k.unit, ctx.id_param("unit_id"));
  k.period = std::string(ctx.param("period").value_or(""));
  return k;
}

}  // namespace

void register_reporting_routes(http::Router& router, Reporting& m) {
  router.add({
      .method = Method::kGet,
      .path = "/api/v1/reporting/forms",
      .summary = "The latest version of every report form (officials)",
      .tag = "reporting",
      .access = Access::kOfficial,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto items, m.service().forms(ctx.who()));
        return http::Response::json(object{{"items", std::move(items)}});
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/reporting/forms",
      .summary = "Define a report form, or the next version of one (rows, columns, computed "
                 "columns, total rows, compulsory cells, live sources, validation rules)",
      .tag = "reporting",
      .access = Access::kOfficial,
      .body_limit = 256 * 1024,
      .success_status = 201,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto form, read_form(body));
        TS_ASSIGN_OR_RETURN(auto made, m.service().create_form(ctx.who(), ctx.actor(), form));
        return http::Response::json(std::move(made), 201);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/reporting/regimes",
      .summary = "The regimes the caller reports under or receives, with their open periods and "
                 "the state of the caller's units' reports",
      .tag = "reporting",
      .access = Access::kOfficial,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto items, m.service().my_regimes(ctx.who()));
        return http::Response::json(object{{"items", std::move(items)}});
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/reporting/regimes",
      .summary = "Define a reporting regime (administrators of the receiving unit)",
      .tag = "reporting",
      .access = Access::kOfficial,
      .body_limit = 128 * 1024,
      .success_status = 201,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        auto org = m.services().org.get();
        TS_ASSIGN_OR_RETURN(auto g, read_regime(body, *org));
        TS_ASSIGN_OR_RETURN(auto made, m.service().create_regime(ctx.who(), ctx.actor(), g));
        return http::Response::json(std::move(made), 201);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/reporting/regimes/{id}",
      .summary = "A reporting regime",
      .tag = "reporting",
      .access = Access::kOfficial,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto o, m.service().regime(ctx.who(), id));
        return http::Response::json(std::move(o));
      },
  });

  router.add({
      .method = Method::kPut,
      .path = "/api/v1/reporting/regimes/{id}",
      .summary = "Change a reporting regime (with the version read); reports already made keep "
                 "their form version",
      .tag = "reporting",
      .access = Access::kOfficial,
      .body_limit = 128 * 1024,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        auto org = m.services().org.get();
        TS_ASSIGN_OR_RETURN(auto g, read_regime(body, *org));
        g.id = id;
        TS_ASSIGN_OR_RETURN(auto changed, m.service().update_regime(ctx.who(), ctx.actor(), g));
        return http::Response::json(std::move(changed));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/reporting/regimes/{id}/completeness",
      .summary = "Expected, submitted, on time, late and missing reports of a period, by unit "
                 "(the receiving unit)",
      .tag = "reporting",
      .access = Access::kOfficial,
      .query = {{"period", "Period id (2026-11, 2026-Q4, 2026-H1, 2026-9M, 2026)", true}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        auto period = ctx.request().query_param("period").value_or("");
        TS_ASSIGN_OR_RETURN(auto o, m.service().completeness(ctx.who(), id, period));
        return http::Response::json(std::move(o));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/reporting/regimes/{id}/aggregate",
      .summary = "The approved reports summed over every reporting unit (or those within a "
                 "unit) for a period of the regime's type or a larger one; with ?level, the "
                 "reports that approval level has approved, before the last level has",
      .tag = "reporting",
      .access = Access::kOfficial,
      .query = {{"period", "Period id", true},
                {"period_type",
                 "month | quarter | half_year | nine_months | year (default: the "
                 "regime's)"},
                {"level", "Approval level (1: the receiver; default: the last)", false, "integer"},
                {"unit_id", "Only the reporting units within this unit", false, "integer"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        auto period = ctx.request().query_param("period").value_or("");
        auto type = ctx.request().query_param("period_type").value_or("");
        AggregateScope scope;
        TS_ASSIGN_OR_RETURN(auto level, ctx.query_int("level", 1, kMaxApprovers + 1));
        if (level) scope.level = static_cast<int>(*level);
        TS_ASSIGN_OR_RETURN(scope.unit, ctx.query_int("unit_id", 1, INT64_MAX));
        TS_ASSIGN_OR_RETURN(auto o, m.service().aggregate(ctx.who(), id, type, period, scope));
        return http::Response::json(std::move(o));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/reporting/regimes/{id}/pivot",
      .summary = "One number cell of the approved reports, unit by unit and period by period, "
                 "with totals (the province-wide pivot); ?format=xlsx for Excel",
      .tag = "reporting",
      .access = Access::kOfficial,
      .query = {{"cell", "row.column of the regime's form (e.g. nong_nghiep.nam)", true},
                {"from", "First period id (default: the twelve periods up to `to`)"},
                {"to", "Last period id (at most 60 periods from the first)", true},
                {"format", "json (default) | xlsx"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        const auto& q = ctx.request();
        auto format = q.query_param("format").value_or("json");
        if (format != "json" && format != "xlsx")
          return Error::validation("format", "Định dạng là json hoặc xlsx.");
        TS_ASSIGN_OR_RETURN(auto o,
                            m.service().pivot(ctx.who(), id, q.query_param("cell").value_or(""),
                                              q.query_param("from").value_or(""),
                                              q.query_param("to").value_or("")));
        if (format == "xlsx") {
          TS_ASSIGN_OR_RETURN(auto bytes, xlsx::write({pivot_sheet(o)}));
          return http::Response::file(std::move(bytes), xlsx::kContentType,
                                      fmt::format("dien-bien-{}.xlsx", id));
        }
        return http::Response::json(std::move(o));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/reporting/regimes/{id}/reports/{period}/{unit_id}",
      .summary = "One unit's report of a period: the form, the values (live ones prefilled), "
                 "findings, deadline, lock and its reason, the actions the caller may take; "
                 "?format=xlsx for the Excel template (workbook.h)",
      .tag = "reporting",
      .access = Access::kOfficial,
      .query = {{"format", "json (default) | xlsx"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto k, report_key(ctx));
        if (ctx.request().query_param("format") == "xlsx") {
          TS_ASSIGN_OR_RETURN(auto bytes,
                              m.service().report_xlsx(ctx.who(), k.regime, k.period, k.unit));
          return http::Response::file(
              std::move(bytes), xlsx::kContentType,
              fmt::format("bao-cao-{}-{}-{}.xlsx", k.regime, k.period, k.unit));
        }
        TS_ASSIGN_OR_RETURN(auto o, m.service().report(ctx.who(), k.regime, k.period, k.unit));
        return http::Response::json(std::move(o));
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/reporting/regimes/{id}/reports/{period}/{unit_id}",
      .summary = "Act on a report: save (draft), submit, return, approve, reopen, unlock — with "
                 "the version read",
      .tag = "reporting",
      .access = Access::kOfficial,
      .body_limit = 512 * 1024,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto k, report_key(ctx));
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto in, read_action(body));
        TS_ASSIGN_OR_RETURN(
            auto o, m.service().act(ctx.who(), ctx.actor(), k.regime, k.period, k.unit, in));
        return http::Response::json(std::move(o));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/reporting/regimes/{id}/data-value-sets",
      .summary = "DHIS2 dataValueSets export: the stored values of a period's reports the caller "
                 "may see (dataElement = row code, categoryOptionCombo = column code, orgUnit = "
                 "unit code, DHIS2 period ids)",
      .tag = "reporting",
      .access = Access::kOfficial,
      .query = {{"period", "Period id, DHIS2's (202611, 2026Q4, 2026S1, 2026) or ours", true}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        auto period = ctx.request().query_param("period").value_or("");
        TS_ASSIGN_OR_RETURN(auto o, m.service().data_value_set(ctx.who(), id, period));
        return http::Response::json(std::move(o));
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/reporting/regimes/{id}/data-value-sets",
      .summary = "DHIS2 dataValueSets import: values saved as drafts report by report; an "
                 "ImportSummary with counts and conflicts (409 reporting.import_conflicts with "
                 "the summary when atomicMode=ALL finds any)",
      .tag = "reporting",
      .access = Access::kOfficial,
      .body_limit = 32u << 20,
      .query = {{"dryRun", "true: check only, save nothing"},
                {"atomicMode", "ALL (default): nothing saved if anything conflicts | NONE"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        ReportingService::ImportOptions options;
        // DHIS2 clients write true / TRUE / false; anything else is refused, never taken as false.
        auto dry = text::to_lower_ascii(ctx.request().query_param("dryRun").value_or("false"));
        if (dry != "true" && dry != "false")
          return Error::validation("dryRun", "dryRun phải là true hoặc false.");
        options.dry_run = dry == "true";
        auto atomic = ctx.request().query_param("atomicMode").value_or("ALL");
        if (atomic != "ALL" && atomic != "NONE")
          return Error::validation("atomicMode", "atomicMode phải là ALL hoặc NONE.");
        options.atomic = atomic == "ALL";
        TS_ASSIGN_OR_RETURN(
            auto o, m.service().import_data_value_set(ctx.who(), ctx.actor(), id, body, options));
        return http::Response::json(std::move(o));
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/reporting/indicators",
      .summary = "The digital-government indicators of a unit with the units below it over a "
                 "span of days (one-stop, documents, reports), each against the province's target",
      .tag = "reporting",
      .access = Access::kOfficial,
      .query = {{"unit_id", "The unit (default: the province)", false, "integer"},
                {"from", "First day (YYYY-MM-DD); default: 1 January of this year", false, "date"},
                {"to", "Last day (YYYY-MM-DD); default: today", false, "date"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto unit, ctx.query_int("unit_id", 1, INT64_MAX));
        if (!unit) {
          auto roots = m.services().org.get()->roots();
          if (roots.empty()) return Error::not_found("Chưa có cơ cấu tổ chức.");
          unit = roots.front();
        }
        Date today = local_date(m.services().clock.now());
        TS_ASSIGN_OR_RETURN(auto from, ctx.query_date("from"));
        TS_ASSIGN_OR_RETURN(auto to, ctx.query_date("to"));
        Date first = from.value_or(Date{today.year(), std::chrono::January, std::chrono::day(1)});
        Date last = to.value_or(today);
        if (last < first)
          return Error::validation("to", "Ngày kết thúc không được trước ngày bắt đầu.");
        if (days_between(first, last) > 3660)
          return Error::validation("from", "Khoảng thời gian tối đa 10 năm.");
        TS_ASSIGN_OR_RETURN(auto o, m.service().indicators(ctx.who(), *unit, first, last));
        return http::Response::json(std::move(o));
      },
  });

  router.add({
      .method = Method::kPut,
      .path = "/api/v1/reporting/indicator-targets/{code}",
      .summary = "Set the province's target for an indicator: {percent, source} (administrators "
                 "of the province)",
      .tag = "reporting",
      .access = Access::kOfficial,
      .body_limit = 4 * 1024,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        std::string code(ctx.param("code").value_or(""));
        TS_ASSIGN_OR_RETURN(auto body, ctx.json_body());
        TS_ASSIGN_OR_RETURN(auto o, m.service().set_target(ctx.who(), ctx.actor(), code, body));
        return http::Response::json(std::move(o));
      },
  });

  router.add({
      .method = Method::kDelete,
      .path = "/api/v1/reporting/indicator-targets/{code}",
      .summary = "Remove the province's target for an indicator (administrators of the province)",
      .tag = "reporting",
      .access = Access::kOfficial,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        std::string code(ctx.param("code").value_or(""));
        TS_TRY(m.service().remove_target(ctx.who(), ctx.actor(), code));
        return http::Response::no_content();
      },
  });

  router.add({
      .method = Method::kPost,
      .path = "/api/v1/reporting/regimes/{id}/reports/{period}/{unit_id}/xlsx",
      .summary = "Upload the report's Excel template, filled offline, as the raw body: saved as "
                 "the draft (all cells or none; problems named by sheet and cell)",
      .tag = "reporting",
      .access = Access::kOfficial,
      .body_limit = 5u << 20,
      .query = {{"name", "The file's name, as browsers send it (not used)"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto k, report_key(ctx));
        TS_ASSIGN_OR_RETURN(auto o, m.service().import_xlsx(ctx.who(), ctx.actor(), k.regime,
                                                            k.period, k.unit, ctx.request().body));
        return http::Response::json(std::move(o));
      },
  });
}

}  // namespace tinhso::reporting
