#include "reporting/pivot_view.h"

#include <fmt/format.h>

namespace tinhso::reporting {
namespace {

// The pivot's figures are whole numbers as integers already (number_json); empty: blank.
xlsx::Cell number_cell(const boost::json::value& v) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_number()) return v.to_number<double>();
  return std::monostate{};
}

}  // namespace

xlsx::Sheet pivot_sheet(const boost::json::object& pivot) {
  const auto& cell = pivot.at("cell").as_object();
  const auto& periods = pivot.at("periods").as_array();
  xlsx::Sheet sh;
  sh.name = "Diễn biến";
  sh.title = fmt::format("{} — {}: {} ({} – {})", std::string_view(cell.at("row").as_string()),
                         std::string_view(cell.at("column").as_string()),
                         std::string_view(pivot.at("regime").at("name").as_string()),
                         std::string_view(periods.front().at("label").as_string()),
                         std::string_view(periods.back().at("label").as_string()));
  sh.head.emplace_back("Đơn vị");
  sh.widths.push_back(40);
  for (const auto& p : periods) {
    sh.head.emplace_back(p.at("label").as_string());
    sh.widths.push_back(14);
  }
  sh.head.emplace_back("Cả thời kỳ");
  sh.widths.push_back(14);
  auto add = [&](std::string name, const boost::json::array& values,
                 const boost::json::value& total) {
    std::vector<xlsx::Cell> row{std::move(name)};
    for (const auto& v : values) row.push_back(number_cell(v));
    row.push_back(number_cell(total));
    sh.rows.push_back(std::move(row));
  };
  for (const auto& u : pivot.at("units").as_array())
    add(std::string(u.at("unit").as_string()), u.at("values").as_array(), u.at("total"));
  add("Tổng cộng", pivot.at("totals").as_array(), pivot.at("total"));
  return sh;
}

}  // namespace tinhso::reporting
