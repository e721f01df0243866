#include "reporting/form.h"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "core/base/json.h"
#include "core/base/text.h"
#include "reporting/prefill.h"

namespace tinhso::reporting {
namespace {

using boost::json::array;
using boost::json::object;

constexpr std::size_t kMaxRows = 500, kMaxColumns = 60, kMaxRules = 100;
constexpr double kMaxNumber = 1e15;  // beyond any count or amount a form holds

bool valid_code(std::string_view c) {
  if (c.empty() || c.size() > 40) return false;
  for (char ch : c)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-')) return false;
  return true;
}

// A form's code as the Government's forms are numbered ("06/VPCP/KSTT"): letters, digits and
// "/", "-", "_", "." — no path tricks, no spaces.
bool valid_form_code(std::string_view c) {
  if (c.empty() || c.size() > 40 || c.find("..") != std::string_view::npos) return false;
  for (char ch : c)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-' || ch == '/' ||
          ch == '.'))
      return false;
  return true;
}

// A list of column codes; `unique`: each at most once (a sum names a column once, while a rule
// may weigh one twice, "nam ≤ nữ + nữ").
std::vector<std::string> strings_of(json::FieldReader& r, const object& o, std::string_view key,
                                    const std::string& where, bool unique) {
  std::vector<std::string> out;
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array() || v->as_array().size() > kMaxColumns) {
    r.fail(where, fmt::format("Phải là danh sách tối đa {} mã cột.", kMaxColumns));
    return out;
  }
  for (const auto& x : v->as_array()) {
    if (!x.is_string()) {
      r.fail(where, "Phải là danh sách mã cột.");
      return {};
    }
    std::string code(x.as_string());
    if (unique && std::find(out.begin(), out.end(), code) != out.end()) {
      r.fail(where, fmt::format("Cột \"{}\" được nêu hai lần.", code));
      return {};
    }
    out.push_back(std::move(code));
  }
  return out;
}

double sum_columns(const Values& v, std::string_view row, const std::vector<std::string>& columns) {
  double s = 0;
  for (const auto& c : columns) {
    auto it = v.find(cell_key(row, c));
    if (it != v.end() && it->second.number) s += *it->second.number;
  }
  return s;
}

std::string format_number(double d) {
  if (std::floor(d) == d && std::fabs(d) < 1e15) return fmt::format("{}", static_cast<int64_t>(d));
  return fmt::format("{}", d);
}

}  // namespace

const FormColumn* FormDef::column(std::string_view c) const {
  for (const auto& x : columns)
    if (x.code == c) return &x;
  return nullptr;
}

const FormRow* FormDef::row(std::string_view c) const {
  for (const auto& x : rows)
    if (x.code == c) return &x;
  return nullptr;
}

std::string cell_key(std::string_view row, std::string_view column) {
  return fmt::format("{}.{}", row, column);
}

Result<FormDef> read_form(const boost::json::value& body) {
  json::FieldReader r(body);
  FormDef f;
  f.code = r.required_string("code", 40);
  f.title = r.required_string("title", 200);
  f.name = r.required_string("name", 500);
  f.legal_basis = r.optional_string("legal_basis", 500).value_or("");
  if (!f.code.empty() && !valid_form_code(f.code))
    r.fail("code", "Mã biểu chỉ gồm chữ, số và các dấu / - _ . (ví dụ 06/VPCP/KSTT).");
  const auto* rows = r.optional_array("rows", kMaxRows);
  const auto* columns = r.optional_array("columns", kMaxColumns);
  const auto* rules = r.optional_array("rules", kMaxRules);
  if (rows == nullptr || rows->empty()) r.fail("rows", "Biểu cần ít nhất một dòng.");
  if (columns == nullptr || columns->empty()) r.fail("columns", "Biểu cần ít nhất một cột.");
  std::set<std::string> row_codes, column_codes;
  if (rows != nullptr) {
    for (std::size_t i = 0; i < rows->size(); ++i) {
      std::string where = fmt::format("rows[{}]", i);
      if (!(*rows)[i].is_object()) {
        r.fail(where, "Mỗi dòng là một đối tượng có mã và tên.");
        continue;
      }
      json::FieldReader rr((*rows)[i].as_object());
      FormRow row{rr.required_string("code", 40), rr.required_string("label", 300),
                  rr.optional_bool("total").value_or(false)};
      if (!rr.finish().ok() || !valid_code(row.code)) {
        r.fail(where, "Dòng cần mã (chữ, số, '-', '_') và tên.");
        continue;
      }
      if (!row_codes.insert(row.code).second) r.fail(where + ".code", "Mã dòng bị trùng.");
      f.rows.push_back(std::move(row));
    }
  }
  if (!f.rows.empty() &&
      std::all_of(f.rows.begin(), f.rows.end(), [](const FormRow& x) { return x.total; }))
    r.fail("rows", "Biểu cần ít nhất một dòng nhập số liệu (không phải dòng tổng).");
  if (columns != nullptr) {
    for (std::size_t i = 0; i < columns->size(); ++i) {
      std::string where = fmt::format("columns[{}]", i);
      if (!(*columns)[i].is_object()) {
        r.fail(where, "Mỗi cột là một đối tượng có mã và tên.");
        continue;
      }
      const auto& o = (*columns)[i].as_object();
      json::FieldReader cr(o);
      FormColumn c;
      c.code = cr.required_string("code", 40);
      c.label = cr.required_string("label", 300);
      c.type = cr.optional_enum("type", {"integer", "number", "text"}).value_or("integer");
      c.compulsory = cr.optional_bool("compulsory").value_or(false);
      c.source = cr.optional_string("source", 80).value_or("");
      c.aggregation = cr.optional_enum("aggregation", {"sum", "first", "last", "none"})
                          .value_or(c.type == "text" ? "none" : "sum");
      c.sum_of = strings_of(r, o, "sum_of", where + ".sum_of", true);
      if (!cr.finish().ok() || !valid_code(c.code)) {
        r.fail(where, "Cột cần mã (chữ, số, '-', '_'), tên và kiểu hợp lệ.");
        continue;
      }
      if (!column_codes.insert(c.code).second) r.fail(where + ".code", "Mã cột bị trùng.");
      if (c.type == "text" && (!c.sum_of.empty() || c.aggregation == "sum"))
        r.fail(where, "Cột chữ không cộng được.");
      if (!c.sum_of.empty() && !c.source.empty())
        r.fail(where, "Cột tính tổng không lấy số liệu từ nguồn.");
      if (!c.source.empty() && (c.type == "text" || !is_live_source(c.source)))
        r.fail(where + ".source",
               fmt::format("Nguồn số liệu \"{}\" không có (hoặc cột là chữ).", c.source));
      f.columns.push_back(std::move(c));
    }
    // Computed columns add entered or earlier computed number columns, never themselves.
    std::set<std::string> seen;
    for (std::size_t i = 0; i < f.columns.size(); ++i) {
      const auto& c = f.columns[i];
      for (const auto& part : c.sum_of) {
        const FormColumn* p = f.column(part);
        if (p == nullptr || p->type == "text" || !seen.contains(part))
          r.fail(fmt::format("columns[{}].sum_of", i),
                 fmt::format("\"{}\" phải là cột số đứng trước cột này.", part));
      }
      seen.insert(c.code);
    }
  }
  if (rules != nullptr) {
    for (std::size_t i = 0; i < rules->size(); ++i) {
      std::string where = fmt::format("rules[{}]", i);
      if (!(*rules)[i].is_object()) {
        r.fail(where, "Mỗi quy tắc là một đối tượng.");
        continue;
      }
      const auto& o = (*rules)[i].as_object();
      json::FieldReader qr(o);
      FormRule rule;
      rule.code = qr.required_string("code", 40);
      rule.op = qr.optional_enum("op", {"eq", "le", "ge"}).value_or("eq");
      rule.error = qr.optional_enum("severity", {"error", "warning"}).value_or("error") == "error";
      rule.message = qr.required_string("message", 300);
      rule.left = strings_of(r, o, "left", where + ".left", false);
      rule.right = strings_of(r, o, "right", where + ".right", false);
      if (!qr.finish().ok()) {
        r.fail(where, "Quy tắc cần mã, phép so sánh (eq, le, ge) và thông báo.");
        continue;
      }
      if (rule.left.empty() || rule.right.empty()) r.fail(where, "Quy tắc cần cột ở cả hai vế.");
      for (const auto* side : {&rule.left, &rule.right})
        for (const auto& c : *side)
          if (f.column(c) == nullptr || f.column(c)->type == "text")
            r.fail(where, fmt::format("\"{}\" không phải cột số của biểu.", c));
      f.rules.push_back(std::move(rule));
    }
  }
  TS_TRY(r.finish());
  return f;
}

object form_json(const FormDef& f) {
  array rows, columns, rules;
  for (const auto& r : f.rows)
    rows.push_back(object{{"code", r.code}, {"label", r.label}, {"total", r.total}});
  for (const auto& c : f.columns) {
    array sum_of(c.sum_of.begin(), c.sum_of.end());
    object o{{"code", c.code},
             {"label", c.label},
             {"type", c.type},
             {"compulsory", c.compulsory},
             {"sum_of", std::move(sum_of)},
             {"aggregation", c.aggregation}};
    if (!c.source.empty()) o["source"] = c.source;
    columns.push_back(std::move(o));
  }
  for (const auto& q : f.rules) {
    rules.push_back(object{{"code", q.code},
                           {"left", array(q.left.begin(), q.left.end())},
                           {"right", array(q.right.begin(), q.right.end())},
                           {"op", q.op},
                           {"severity", q.error ? "error" : "warning"},
                           {"message", q.message}});
  }
  return object{{"code", f.code},
                {"version", f.version},
                {"title", f.title},
                {"name", f.name},
                {"legal_basis", f.legal_basis},
                {"rows", std::move(rows)},
                {"columns", std::move(columns)},
                {"rules", std::move(rules)}};
}

bool is_computed(const FormRow& row, const FormColumn& column) {
  return !column.sum_of.empty() || (row.total && column.type != "text");
}

std::vector<CellRef> entered_parts(const FormDef& f, const FormRow& row, const FormColumn& column) {
  std::vector<CellRef> out;
  if (!column.sum_of.empty()) {
    for (const auto& code : column.sum_of) {
      const FormColumn* c = f.column(code);
      // read_form lets a sum name only earlier columns, so this ends.
      if (c == nullptr || c == &column) continue;
      auto more = entered_parts(f, row, *c);
      out.insert(out.end(), more.begin(), more.end());
    }
    return out;
  }
  if (column.type == "text") return out;
  if (!row.total) return {CellRef{&row, &column}};
  if (column.aggregation == "none") return out;  // compute() leaves a rate's total empty
  for (const auto& r : f.rows)
    if (!r.total) out.push_back(CellRef{&r, &column});
  return out;
}

Result<Values> read_values(const FormDef& f, const boost::json::object& in) {
  json::FieldReader r(in);
  Values out;
  for (const auto& [key, value] : in) {
    std::string k(key);
    auto dot = k.find('.');
    const FormRow* row = dot == std::string::npos ? nullptr : f.row(k.substr(0, dot));
    const FormColumn* col = dot == std::string::npos ? nullptr : f.column(k.substr(dot + 1));
    if (row == nullptr || col == nullptr) {
      r.fail(k, "Biểu không có ô này.");
      continue;
    }
    std::string where = fmt::format("Dòng \"{}\", cột \"{}\"", row->label, col->label);
    if (value.is_null()) continue;
    if (is_computed(*row, *col)) {
      r.fail(k, where + ": ô tính tự động, không nhập.");
      continue;
    }
    if (col->type == "text") {
      std::string_view t = value.is_string() ? std::string_view(value.as_string()) : "";
      if (!value.is_string() || !text::is_valid_utf8(t) || text::length_utf8(t) > 2000 ||
          text::has_forbidden_characters(t)) {
        r.fail(k, where + ": cần chữ (tối đa 2.000 ký tự, không có ký tự điều khiển).");
        continue;
      }
      out[k] = CellValue{std::nullopt, text::to_nfc(t)};
      continue;
    }
    if (!value.is_number()) {
      r.fail(k, where + (col->type == "integer" ? ": nhập số nguyên từ 0 trở lên, ví dụ 1234."
                                                : ": nhập một số, ví dụ 12,5."));
      continue;
    }
    double d = value.to_number<double>();
    if (!std::isfinite(d) || std::fabs(d) > kMaxNumber) {
      r.fail(k, where + ": số quá lớn.");
      continue;
    }
    if (col->type == "integer" && (d < 0 || std::floor(d) != d)) {
      r.fail(k, where + ": nhập số nguyên từ 0 trở lên, ví dụ 1234.");
      continue;
    }
    out[k] = CellValue{d, {}};
  }
  TS_TRY(r.finish());
  return out;
}

boost::json::value number_json(double d) {
  if (std::floor(d) == d && std::fabs(d) < 9e15) return static_cast<int64_t>(d);
  return d;
}

boost::json::object values_json(const Values& v) {
  object o;
  for (const auto& [k, c] : v) {
    if (c.number)
      o[k] = number_json(*c.number);
    else
      o[k] = c.text;
  }
  return o;
}

void compute(const FormDef& f, Values& v) {
  // Total rows first take the sum of the other rows' entered number cells …
  for (const auto& total : f.rows) {
    if (!total.total) continue;
    for (const auto& c : f.columns) {
      // Rates and other figures that do not add up are left out of totals.
      if (c.type == "text" || !c.sum_of.empty() || c.aggregation == "none") continue;
      double s = 0;
      bool any = false;
      for (const auto& row : f.rows) {
        if (row.total) continue;
        auto it = v.find(cell_key(row.code, c.code));
        if (it != v.end() && it->second.number) {
          s += *it->second.number;
          any = true;
        }
      }
      if (any)
        v[cell_key(total.code, c.code)] = CellValue{s, {}};
      else
        v.erase(cell_key(total.code, c.code));
    }
  }
  // … then every row's computed columns, in column order (a sum may use an earlier sum).
  for (const auto& row : f.rows) {
    for (const auto& c : f.columns) {
      if (c.sum_of.empty()) continue;
      v[cell_key(row.code, c.code)] = CellValue{sum_columns(v, row.code, c.sum_of), {}};
    }
  }
}

std::vector<Finding> check(const FormDef& f, const Values& v) {
  std::vector<Finding> out;
  for (const auto& row : f.rows) {
    for (const auto& c : f.columns) {
      if (!c.compulsory || !c.sum_of.empty() || row.total) continue;
      std::string k = cell_key(row.code, c.code);
      auto it = v.find(k);
      bool empty = it == v.end() || (!it->second.number && it->second.text.empty());
      if (empty)
        out.push_back({"compulsory", k, true,
                       fmt::format("Dòng \"{}\", cột \"{}\": bắt buộc nhập.", row.label, c.label)});
    }
    for (const auto& q : f.rules) {
      double l = sum_columns(v, row.code, q.left), r = sum_columns(v, row.code, q.right);
      bool holds = q.op == "eq"   ? std::fabs(l - r) < 1e-9
                   : q.op == "le" ? l <= r + 1e-9
                                  : l >= r - 1e-9;
      if (!holds)
        out.push_back({q.code, cell_key(row.code, q.left.front()), q.error,
                       fmt::format("Dòng \"{}\": {} ({} so với {}).", row.label, q.message,
                                   format_number(l), format_number(r))});
    }
  }
  return out;
}

boost::json::array findings_json(const std::vector<Finding>& fs) {
  array out;
  for (const auto& x : fs)
    out.push_back(object{{"rule", x.rule},
                         {"cell", x.cell},
                         {"severity", x.error ? "error" : "warning"},
                         {"message", x.message}});
  return out;
}

}  // namespace tinhso::reporting
