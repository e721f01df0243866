#include "reporting/dhis2.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "core/base/json.h"
#include "core/base/text.h"

namespace tinhso::reporting::dhis2 {

using boost::json::object;
using boost::json::value;

std::string period_id(const Period& p) {
  switch (p.type) {
    case PeriodType::kMonth:
      return fmt::format("{:04}{:02}", p.year, p.index);
    case PeriodType::kQuarter:
      return fmt::format("{:04}Q{}", p.year, p.index);
    case PeriodType::kHalfYear:
      return fmt::format("{:04}S1", p.year);
    case PeriodType::kNineMonths:
    case PeriodType::kYear:
    case PeriodType::kOnce:  // DHIS2 has no such period type: ours, as it is
      return p.id();
  }
  return p.id();
}

Result<Period> read_period(PeriodType type, std::string_view id) {
  std::string ours(id);
  if (id.size() > 4) {
    std::string_view year = id.substr(0, 4), rest = id.substr(4);
    // 202611 → 2026-11, 2026Q4 → 2026-Q4: a dash after the year; 2026S1 → 2026-H1.
    bool month = type == PeriodType::kMonth && rest.size() == 2 && rest[0] != '-';
    bool quarter = type == PeriodType::kQuarter && rest.size() == 2 && rest[0] == 'Q';
    if (month || quarter)
      ours = fmt::format("{}-{}", year, rest);
    else if (type == PeriodType::kHalfYear && rest == "S1")
      ours = fmt::format("{}-H1", year);
  }
  auto p = reporting::parse_period(type, ours);
  if (!p.ok())
    return Error::validation(
        "period", fmt::format("Kỳ không hợp lệ cho loại kỳ \"{}\" (ví dụ: {}).",
                              period_type_label_vi(type), period_id(Period{type, 2026, 1})));
  return p;
}

void DataValueSet::add_problem(std::string_view object, std::string message) {
  ++problems_total;
  if (problems.size() < kMaxProblems) problems.push_back(conflict(object, std::move(message)));
}

Result<DataValueSet> read_data_value_set(const value& body, std::size_t max_values) {
  json::FieldReader r(body);
  auto set_period = r.optional_string("period", 20);
  auto set_unit = r.optional_string("orgUnit", 100);
  (void)r.optional_string("dataSet", 100);  // the regime is the route's
  const auto* list = r.optional_array("dataValues", max_values);
  if (list == nullptr && !r.failed()) r.fail("dataValues", "Cần danh sách dataValues.");
  TS_TRY(r.finish());
  DataValueSet out;
  out.values.reserve(list->size());
  for (std::size_t i = 0; i < list->size(); ++i) {
    const value& item = (*list)[i];
    std::string at = fmt::format("dataValues[{}]", i);
    if (!item.is_object()) {
      out.add_problem(at, "Mỗi phần tử phải là một đối tượng.");
      ++out.bad_entries;
      continue;
    }
    json::FieldReader e(item.as_object());
    DataValue v;
    v.index = i;
    v.data_element = e.required_string("dataElement", 200);
    v.combo = e.optional_string("categoryOptionCombo", 200).value_or("");
    v.org_unit = e.optional_string("orgUnit", 100).value_or(set_unit.value_or(""));
    v.period = e.optional_string("period", 20).value_or(set_period.value_or(""));
    v.comment = e.optional_string("comment", 2000).value_or("");
    bool deleted = e.optional_bool("deleted").value_or(false);
    const value* raw = item.as_object().if_contains("value");
    if (!deleted) {
      // DHIS2 writes values as strings ("" clears a cell); numbers are taken as written.
      if (raw == nullptr || raw->is_null()) {
        e.fail("value",
               "Cần giá trị (value); để xóa một ô, gửi \"value\": \"\" hoặc "
               "\"deleted\": true.");
      } else if (raw->is_string()) {
        if (!raw->as_string().empty()) v.value = std::string(raw->as_string());
      } else if (raw->is_int64() || raw->is_uint64()) {
        v.value = boost::json::serialize(*raw);
      } else if (raw->is_double()) {
        v.value = fmt::format("{}", raw->as_double());
      } else {
        e.fail("value", "Giá trị phải là chuỗi hoặc số.");
      }
    }
    if (v.org_unit.empty()) e.fail("orgUnit", "Cần đơn vị (orgUnit) của giá trị hoặc của bộ.");
    if (v.period.empty()) e.fail("period", "Cần kỳ (period) của giá trị hoặc của bộ.");
    auto st = e.finish();
    if (!st.ok()) {
      const auto& d = st.error().details();
      const auto* fields = d.is_object() ? d.as_object().if_contains("fields") : nullptr;
      if (fields != nullptr && fields->is_object())
        for (const auto& [k, m] : fields->as_object())
          out.add_problem(fmt::format("{}.{}", at, std::string_view(k)),
                          std::string(m.is_string() ? m.as_string() : ""));
      ++out.bad_entries;
      continue;
    }
    out.values.push_back(std::move(v));
  }
  return out;
}

std::optional<std::string> cell_of(const FormDef& f, const DataValue& v) {
  std::string row = v.data_element, column = v.combo;
  if (column.empty() || column == kDefaultCombo || column == "default") {
    auto dot = v.data_element.find('.');
    if (dot == std::string::npos) return std::nullopt;
    row = v.data_element.substr(0, dot);
    column = v.data_element.substr(dot + 1);
  }
  if (f.row(row) == nullptr || f.column(column) == nullptr) return std::nullopt;
  return cell_key(row, column);
}

value cell_value(const FormColumn& c, const std::string& text) {
  if (c.type == "text") return value(text);
  std::string_view t = text::trim(text);
  double d = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), d);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(d))
    return value(text);  // read_values names what it should be
  if (std::floor(d) == d && std::fabs(d) < 9e15) return value(static_cast<int64_t>(d));
  return value(d);
}

object conflict(std::string_view what, std::string message) {
  return object{{"object", what}, {"value", std::move(message)}};
}

}  // namespace tinhso::reporting::dhis2
