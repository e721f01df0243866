#include "reporting/workbook.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <map>

#include "core/base/text.h"
#include "core/export/xlsx.h"
#include "core/export/xlsx_reader.h"
#include "reporting/periods.h"

namespace tinhso::reporting {
namespace {

using boost::json::object;

constexpr const char* kSheet = "Báo cáo";
constexpr const char* kMetaSheet = "tinhso";

// Filled by the form's arithmetic (form.cc compute): formulas in the workbook.
bool is_formula(const FormRow& row, const FormColumn& c) {
  return is_computed(row, c) && (c.aggregation != "none" || !c.sum_of.empty());
}
bool is_entry(const FormRow& row, const FormColumn& c) {
  return !is_computed(row, c);
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

std::vector<std::string> row_codes(const FormDef& f) {
  std::vector<std::string> out;
  for (const auto& r : f.rows) out.push_back(r.code);
  return out;
}
std::vector<std::string> column_codes(const FormDef& f) {
  std::vector<std::string> out;
  for (const auto& c : f.columns) out.push_back(c.code);
  return out;
}

std::optional<std::size_t> column_index(const FormDef& f, std::string_view code) {
  for (std::size_t j = 0; j < f.columns.size(); ++j)
    if (f.columns[j].code == code) return j;
  return std::nullopt;
}

// The text of a cell whatever its type ("" when absent).
std::string text_of(const xlsx::ReadCell* c) {
  if (c == nullptr) return {};
  if (c->number) return fmt::format("{}", *c->number);
  return std::string(text::trim(c->text));
}

Error template_error(const char* code, std::string message) {
  return Error(422, code, std::move(message));
}

}  // namespace

Result<std::string> write_workbook(const FormDef& f, const object& values, const WorkbookKey& key,
                                   const std::string& title, bool editable) {
  xlsx::Sheet sh;
  sh.name = kSheet;
  sh.title = title.empty() ? f.title : title;  // the layout read back has a title row
  sh.protect = true;
  sh.head.emplace_back("Chỉ tiêu");
  sh.widths.push_back(44);
  for (std::size_t j = 0; j < f.columns.size(); ++j) {
    const FormColumn& c = f.columns[j];
    sh.head.push_back(c.label);
    sh.widths.push_back(16);
    // As read_values checks them: counts are whole numbers and not negative; numbers are numbers.
    if (editable && c.type == "integer") sh.accepts[j + 1] = xlsx::Sheet::Accepts::kWholeNumber;
    if (editable && c.type == "number") sh.accepts[j + 1] = xlsx::Sheet::Accepts::kNumber;
  }
  const auto first = static_cast<int64_t>(xlsx::first_data_row(!sh.title.empty()));
  for (std::size_t i = 0; i < f.rows.size(); ++i) {
    const FormRow& row = f.rows[i];
    std::vector<xlsx::Cell> cells{row.label};
    for (std::size_t j = 0; j < f.columns.size(); ++j) {
      const FormColumn& c = f.columns[j];
      const auto* v = values.if_contains(cell_key(row.code, c.code));
      if (is_formula(row, c)) {
        std::vector<std::string> refs;
        if (!c.sum_of.empty()) {
          for (const auto& s : c.sum_of)
            if (auto k = column_index(f, s))
              refs.push_back(
                  xlsx::cell_name(first + static_cast<int64_t>(i), 1 + static_cast<int64_t>(*k)));
        } else {
          for (std::size_t k = 0; k < f.rows.size(); ++k)
            if (!f.rows[k].total)
              refs.push_back(
                  xlsx::cell_name(first + static_cast<int64_t>(k), 1 + static_cast<int64_t>(j)));
        }
        double shown = v != nullptr && v->is_number() ? v->to_number<double>() : 0;
        cells.emplace_back(xlsx::Formula{"=SUM(" + joined(refs) + ")", shown});
      } else if (v != nullptr && v->is_int64()) {
        cells.emplace_back(v->as_int64());
      } else if (v != nullptr && v->is_number()) {
        cells.emplace_back(v->to_number<double>());
      } else if (v != nullptr && v->is_string()) {
        cells.emplace_back(std::string(v->as_string()));
      } else {
        cells.emplace_back(std::monostate{});
      }
      if (editable && is_entry(row, c)) sh.editable.insert({i, j + 1});
    }
    sh.rows.push_back(std::move(cells));
  }

  xlsx::Sheet meta;
  meta.name = kMetaSheet;
  meta.hidden = true;
  meta.protect = true;
  meta.head = {"Khóa", "Giá trị"};
  auto add = [&](const char* k, std::string v) {
    meta.rows.push_back({std::string(k), std::move(v)});
  };
  add("form_code", f.code);
  add("form_version", std::to_string(f.version));
  add("regime_id", std::to_string(key.regime_id));
  add("period", key.period);
  add("unit_id", std::to_string(key.unit_id));
  add("report_version", std::to_string(key.report_version));
  add("rows", joined(row_codes(f)));
  add("columns", joined(column_codes(f)));
  return xlsx::write({sh, meta});
}

Result<WorkbookValues> read_workbook(const FormDef& f, const WorkbookKey& expected,
                                     std::string_view bytes) {
  TS_ASSIGN_OR_RETURN(auto wb, xlsx::read(bytes));
  const xlsx::ReadSheet* meta = wb.sheet(kMetaSheet);
  const xlsx::ReadSheet* sheet = wb.sheet(kSheet);
  if (meta == nullptr || sheet == nullptr)
    return template_error("report.not_template",
                          "Tệp không phải mẫu Excel của hệ thống. Hãy bấm \"Tải mẫu Excel\" ở "
                          "trang báo cáo, điền vào mẫu đó rồi tải lên.");
  std::map<std::string, std::string> m;
  for (int64_t r = 1; r < 64; ++r) {
    std::string k = text_of(meta->at(r, 0));
    if (!k.empty()) m[k] = text_of(meta->at(r, 1));
  }
  // What the file says is echoed in messages: short, whatever was written there.
  auto shown = [&](const char* k) {
    std::string_view v = text::prefix_utf8(m[k], 40);
    return v.empty() ? std::string("?") : std::string(v);
  };
  if (m["form_code"] != f.code || m["regime_id"] != std::to_string(expected.regime_id) ||
      m["period"] != expected.period) {
    // The period as people name it ("Quý II/2026", "Báo cáo một lần"), when it is one.
    std::string period = shown("period");
    for (PeriodType t : kPeriodTypes)
      if (auto p = parse_period(t, m["period"]); p.ok()) period = p->label_vi();
    return template_error("report.other_report",
                          fmt::format("Tệp này là mẫu Excel của một báo cáo khác (biểu {}, kỳ {}). "
                                      "Hãy tải mẫu của chính báo cáo này.",
                                      shown("form_code"), period));
  }
  if (m["unit_id"] != std::to_string(expected.unit_id))
    return template_error("report.other_report",
                          fmt::format("Tệp này là mẫu Excel của đơn vị khác (mã đơn vị {}), "
                                      "không phải của đơn vị đang lập báo cáo. Hãy tải mẫu của "
                                      "chính đơn vị mình.",
                                      shown("unit_id")));
  if (m["form_version"] != std::to_string(f.version))
    return template_error(
        "report.other_form_version",
        fmt::format("Mẫu Excel này theo phiên bản {} của biểu, báo cáo dùng phiên bản {}. Hãy "
                    "tải mẫu mới và chép số liệu sang.",
                    shown("form_version"), f.version));
  if (m["rows"] != joined(row_codes(f)) || m["columns"] != joined(column_codes(f)))
    return template_error("report.template_changed",
                          "Cấu trúc mẫu Excel đã bị thay đổi (dòng, cột). Hãy tải lại mẫu.");
  WorkbookValues out;
  const std::string& version = m["report_version"];
  auto [end, ec] =
      std::from_chars(version.data(), version.data() + version.size(), out.report_version);
  if (ec != std::errc() || end != version.data() + version.size() || out.report_version < 0)
    return template_error("report.template_changed",
                          "Mẫu Excel thiếu thông tin phiên bản báo cáo. Hãy tải lại mẫu.");

  // The visible table: the same headings and row labels where the template put them.
  const auto first = static_cast<int64_t>(xlsx::first_data_row(true));
  auto changed = [&](int64_t r, int64_t c, const std::string& want) -> std::optional<Error> {
    // Compared as NFC: a spreadsheet may save Vietnamese decomposed.
    if (text::to_nfc(text_of(sheet->at(r, c))) == text::to_nfc(text::trim(want)))
      return std::nullopt;
    return template_error(
        "report.template_changed",
        fmt::format("Trang tính \"{}\", ô {}: cần \"{}\" như trong mẫu. Cấu trúc mẫu Excel đã bị "
                    "thay đổi; hãy tải lại mẫu.",
                    kSheet, xlsx::cell_name(r, c), want));
  };
  for (std::size_t j = 0; j < f.columns.size(); ++j)
    if (auto e = changed(first - 1, 1 + static_cast<int64_t>(j), f.columns[j].label)) return *e;
  for (std::size_t i = 0; i < f.rows.size(); ++i)
    if (auto e = changed(first + static_cast<int64_t>(i), 0, f.rows[i].label)) return *e;

  object problems;
  std::map<std::string, std::string> names;  // cell key → "Ô C5"
  for (std::size_t i = 0; i < f.rows.size(); ++i) {
    const FormRow& row = f.rows[i];
    for (std::size_t j = 0; j < f.columns.size(); ++j) {
      const FormColumn& c = f.columns[j];
      int64_t r = first + static_cast<int64_t>(i), col = 1 + static_cast<int64_t>(j);
      std::string key = cell_key(row.code, c.code);
      names[key] = fmt::format("Trang tính \"{}\", ô {}", kSheet, xlsx::cell_name(r, col));
      std::string where =
          fmt::format("{} (dòng \"{}\", cột \"{}\")", names[key], row.label, c.label);
      const xlsx::ReadCell* cell = sheet->at(r, col);
      bool filled = cell != nullptr && (cell->number || !cell->text.empty());
      if (is_formula(row, c)) {
        if (cell == nullptr || !cell->formula)
          problems[key] = where +
                          ": ô tính tự động đã bị xóa hoặc ghi đè; hãy khôi phục công "
                          "thức hoặc tải lại mẫu.";
        continue;
      }
      if (!is_entry(row, c)) {
        if (filled) problems[key] = where + ": ô này không nhập số liệu.";
        continue;
      }
      if (!filled) {
        // A formula nobody calculated (files written by programs): the figure is unknown.
        if (cell != nullptr && cell->formula)
          problems[key] = where +
                          ": ô có công thức nhưng chưa có kết quả tính; hãy mở tệp bằng "
                          "Excel hoặc LibreOffice, lưu lại rồi tải lên.";
        continue;
      }
      if (c.type == "text")
        out.values[key] = text_of(cell);
      else if (cell->number)
        out.values[key] = number_json(*cell->number);
      else
        out.values[key] = cell->text;  // read_values names what it should be
    }
  }
  if (problems.empty()) {
    auto read = read_values(f, out.values);
    if (!read.ok()) {
      const auto* fields = read.error().details().is_object()
                               ? read.error().details().as_object().if_contains("fields")
                               : nullptr;
      if (fields == nullptr || !fields->is_object()) return read.error();
      for (const auto& [k, v] : fields->as_object()) {
        auto name = names.find(std::string(k));
        problems[k] = (name == names.end() ? std::string() : name->second + ": ") +
                      std::string(v.is_string() ? v.as_string() : "");
      }
    }
  }
  if (!problems.empty()) {
    std::size_t n = problems.size();
    return Error(422, "validation_failed",
                 fmt::format("Bảng tính có {} ô chưa đúng; xem từng ô được nêu bên dưới, sửa "
                             "trong tệp rồi tải lên lại.",
                             n),
                 object{{"fields", std::move(problems)}});
  }
  return out;
}

}  // namespace tinhso::reporting
