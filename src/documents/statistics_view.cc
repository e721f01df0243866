// The document indicators as JSON and as an Excel sheet (one row per register unit and a total).
#include <fmt/format.h>

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

xlsx::Cell pct_cell(int64_t part, int64_t whole) {
  auto p = share(part, whole);
  return p ? xlsx::Cell(*p) : xlsx::Cell(std::monostate{});
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

}  // namespace

object stats_json(const DocumentStatsReport& r) {
  boost::json::array items;
  for (const auto& row : r.rows) {
    object o = row_json(row);
    o["unit"] = object{{"id", row.unit_id}, {"name", row.unit_name}};
    items.push_back(std::move(o));
  }
  return object{{"from", format_iso_date(r.from)},
                {"to", format_iso_date(r.to)},
                {"items", std::move(items)},
                {"total", row_json(r.total)}};
}

xlsx::Sheet stats_sheet(const DocumentStatsReport& r) {
  xlsx::Sheet sh;
  sh.name = "Văn bản";
  sh.title = fmt::format("Tình hình gửi, nhận và xử lý văn bản từ {} đến {}",
                         format_vn_date(r.from), format_vn_date(r.to));
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
  auto add = [&](std::string name, const DocumentStatsRow& row) {
    sh.rows.push_back({std::move(name), row.incoming, row.incoming_electronic,
                       pct_cell(row.incoming_electronic, row.incoming), row.incoming_from_outside,
                       row.outgoing, row.outgoing_signed,
                       pct_cell(row.outgoing_signed, row.outgoing), row.outgoing_electronic,
                       pct_cell(row.outgoing_electronic, row.outgoing), row.handled_on_time,
                       row.handled_late, row.open_overdue});
  };
  for (const auto& row : r.rows) add(row.unit_name, row);
  add("Tổng cộng", r.total);
  return sh;
}

}  // namespace tinhso::documents
