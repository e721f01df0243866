// Route: /api/v1/documents/stats — document indicators per unit and period, JSON or Excel.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/export/xlsx.h"
#include "core/http/context.h"
#include "documents/access.h"
#include "documents/module.h"
#include "documents/routes.h"
#include "documents/statistics.h"

namespace tinhso::documents {

namespace {

using boost::json::object;
using boost::json::value;

// A share in percent with one decimal; none when there is nothing to share.
std::optional<double> share(int64_t part, int64_t whole) {
  if (whole == 0) return std::nullopt;
  // Truncated, not rounded, to tenths: a share never shows more than it is.
  int64_t tenths = part * 1000 / whole;
  return static_cast<double>(tenths) / 10.0;
}

value percent(int64_t part, int64_t whole) {
  auto p = share(part, whole);
  return p ? value(*p) : value(nullptr);
}

object row_json(const DocumentStatsRow& r) {
  return object{
      {"incoming", r.incoming},
      {"incoming_electronic", r.incoming_electronic},
      {"incoming_from_outside", r.incoming_from_outside},
      {"incoming_electronic_percent", percent(r.incoming_electronic, r.incoming)},
      {"outgoing", r.outgoing},
      {"outgoing_signed", r.outgoing_signed},
      {"outgoing_signed_percent", percent(r.outgoing_signed, r.outgoing)},
      {"outgoing_electronic", r.outgoing_electronic},
      {"outgoing_electronic_percent", percent(r.outgoing_electronic, r.outgoing)},
      {"handled_on_time", r.handled_on_time},
      {"handled_late", r.handled_late},
      {"handled_on_time_percent", percent(r.handled_on_time, r.handled_on_time + r.handled_late)},
      {"open_overdue", r.open_overdue}};
}

xlsx::Cell pct_cell(int64_t part, int64_t whole) {
  auto p = share(part, whole);
  return p ? xlsx::Cell(*p) : xlsx::Cell(std::monostate{});
}

}  // namespace

void register_statistics_routes(http::Router& router, Documents& m) {
  using http::Access;
  using http::Method;
  Services& s = m.services();
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
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto unit, ctx.query_int("unit_id", 1, INT64_MAX));
        if (!unit) return Error::validation("unit_id", "Chọn đơn vị.");
        TS_TRY(ctx.use_grant(authorize_register_view(ctx.who(), ctx.authorizer(), *unit)));
        Date today = local_date(s.clock.now());
        TS_ASSIGN_OR_RETURN(auto from, ctx.query_date("from"));
        TS_ASSIGN_OR_RETURN(auto to, ctx.query_date("to"));
        Date first = from.value_or(today.year() / today.month() / 1);
        Date last = to.value_or(today);
        if (last < first) return Error::validation("to", "Ngày cuối kỳ phải sau ngày đầu kỳ.");
        if (days_between(first, last) > 3660)
          return Error::validation("to", "Kỳ thống kê tối đa 10 năm.");
        auto org = s.org.get();
        TS_ASSIGN_OR_RETURN(auto rows, s.db.read([&](storage::Tx& tx) {
          return document_stats(tx, *org, *unit, first, last, s.clock.now());
        }));
        DocumentStatsRow total;
        for (const auto& r : rows) {
          total.incoming += r.incoming;
          total.incoming_electronic += r.incoming_electronic;
          total.incoming_from_outside += r.incoming_from_outside;
          total.outgoing += r.outgoing;
          total.outgoing_signed += r.outgoing_signed;
          total.outgoing_electronic += r.outgoing_electronic;
          total.handled_on_time += r.handled_on_time;
          total.handled_late += r.handled_late;
          total.open_overdue += r.open_overdue;
        }
        std::string format(ctx.request().query_param("format").value_or("json"));
        if (format == "xlsx") {
          xlsx::Sheet sh;
          sh.name = "Văn bản";
          sh.title = fmt::format("Tình hình gửi, nhận và xử lý văn bản từ {} đến {}",
                                 format_vn_date(first), format_vn_date(last));
          sh.head = {"Đơn vị",
                     "Văn bản đến",
                     "Đến điện tử",
                     "Tỷ lệ đến điện tử (%)",
                     "Đến từ ngoài tỉnh",
                     "Văn bản đi",
                     "Đi có ký số",
                     "Tỷ lệ ký số (%)",
                     "Đi điện tử",
                     "Tỷ lệ đi điện tử (%)",
                     "Xử lý đúng hạn",
                     "Xử lý quá hạn",
                     "Tồn quá hạn"};
          sh.widths = {40, 12, 12, 14, 14, 12, 12, 12, 12, 14, 14, 14, 12};
          auto add = [&](std::string name, const DocumentStatsRow& r) {
            sh.rows.push_back({std::move(name), r.incoming, r.incoming_electronic,
                               pct_cell(r.incoming_electronic, r.incoming), r.incoming_from_outside,
                               r.outgoing, r.outgoing_signed,
                               pct_cell(r.outgoing_signed, r.outgoing), r.outgoing_electronic,
                               pct_cell(r.outgoing_electronic, r.outgoing), r.handled_on_time,
                               r.handled_late, r.open_overdue});
          };
          for (const auto& r : rows) add(r.unit_name, r);
          add("Tổng cộng", total);
          TS_ASSIGN_OR_RETURN(auto bytes, xlsx::write({sh}));
          return http::Response::file(
              std::move(bytes), xlsx::kContentType,
              fmt::format("van-ban-{}-{}.xlsx", format_iso_date(first), format_iso_date(last)));
        }
        if (format != "json") return Error::validation("format", "Định dạng là json hoặc xlsx.");
        boost::json::array items;
        for (const auto& r : rows) {
          object o = row_json(r);
          o["unit"] = object{{"id", r.unit_id}, {"name", r.unit_name}};
          items.push_back(std::move(o));
        }
        return http::Response::json(object{{"from", format_iso_date(first)},
                                           {"to", format_iso_date(last)},
                                           {"items", std::move(items)},
                                           {"total", row_json(total)}});
      },
  });
}

}  // namespace tinhso::documents
