// Route: /api/v1/documents/stats — document indicators per unit and period, JSON or Excel. It
// reads the request and answers; RegisterService authorises and counts, statistics_view.cc renders.
#include <fmt/format.h>

#include "core/export/xlsx.h"
#include "core/http/context.h"
#include "documents/access.h"
#include "documents/module.h"
#include "documents/routes.h"
#include "documents/statistics.h"

namespace tinhso::documents {

void register_statistics_routes(http::Router& router, Documents& m) {
  using http::Access;
  using http::Method;
  router.add({
      .method = Method::kGet,
      .path = "/api/v1/documents/stats",
      .summary = "Document indicators per register unit within a unit for a period: incoming "
                 "(electronic, from outside), outgoing (signed, sent electronically), handled on "
                 "time or late, open overdue; ?format=xlsx for Excel",
      .tag = "documents",
      .access = Access::kOfficial,
      .query = {{"unit_id", "The unit (its registers and those below it)", true, "integer"},
                {"from", "First day (YYYY-MM-DD); default: the month's first", false, "date"},
                {"to", "Last day (YYYY-MM-DD); default: today", false, "date"},
                {"format", "json (default) | xlsx"}},
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto unit, ctx.query_int("unit_id", 1, INT64_MAX));
        if (!unit) return Error::validation("unit_id", "Chọn đơn vị.");
        // A caller without access hears 403 whatever the other parameters (the service checks
        // again).
        TS_TRY(ctx.use_grant(authorize_register_view(ctx.who(), ctx.authorizer(), *unit)));
        TS_ASSIGN_OR_RETURN(auto from, ctx.query_date("from"));
        TS_ASSIGN_OR_RETURN(auto to, ctx.query_date("to"));
        std::string format(ctx.request().query_param("format").value_or("json"));
        if (format != "json" && format != "xlsx")
          return Error::validation("format", "Định dạng là json hoặc xlsx.");
        TS_ASSIGN_OR_RETURN(auto report, m.registers().statistics(ctx.who(), *unit, from, to));
        if (format == "json") return http::Response::json(stats_json(report));
        TS_ASSIGN_OR_RETURN(auto bytes, xlsx::write({stats_sheet(report)}));
        return http::Response::file(std::move(bytes), xlsx::kContentType,
                                    fmt::format("van-ban-{}-{}.xlsx", format_iso_date(report.from),
                                                format_iso_date(report.to)));
      },
  });
}

}  // namespace tinhso::documents
