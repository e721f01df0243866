#include "core/export/xlsx.h"

#include <fcntl.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace tinhso::xlsx {
namespace {

// Removes the temporary file whatever happens.
struct TempPath {
  std::string path;
  ~TempPath() {
    if (!path.empty()) ::unlink(path.c_str());
  }
};

}  // namespace

std::size_t first_data_row(bool titled) {
  return titled ? 3 : 1;
}

Result<std::string> write(const std::vector<Sheet>& sheets) {
  std::string pattern = (std::filesystem::temp_directory_path() / "tinhso-xlsx-XXXXXX").string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) return Error::internal("xlsx: cannot create a temporary file");
  ::close(fd);
  TempPath tmp{pattern};

  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = nullptr;
  lxw_workbook* wb = workbook_new_opt(tmp.path.c_str(), &options);
  if (wb == nullptr) return Error::internal("xlsx: cannot create the workbook");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_border(head, LXW_BORDER_THIN);
  format_set_text_wrap(head);
  format_set_align(head, LXW_ALIGN_CENTER);
  format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bg_color(head, 0xDDE7F3);
  lxw_format* body = workbook_add_format(wb);
  format_set_border(body, LXW_BORDER_THIN);
  format_set_text_wrap(body);
  format_set_align(body, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* entry = workbook_add_format(wb);
  format_set_border(entry, LXW_BORDER_THIN);
  format_set_align(entry, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color(entry, 0xFFF6D5);
  format_set_unlocked(entry);

  for (const auto& sh : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sh.name.empty() ? nullptr : sh.name.c_str());
    if (ws == nullptr) {
      workbook_close(wb);
      return Error::internal("xlsx: invalid sheet name");
    }
    for (std::size_t c = 0; c < sh.head.size(); ++c) {
      double w = c < sh.widths.size() ? sh.widths[c] : 16;
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w, nullptr);
    }
    if (sh.hidden) worksheet_hide(ws);
    // The title (and a blank row), then the header: the layout first_data_row() tells readers.
    auto row = static_cast<lxw_row_t>(first_data_row(!sh.title.empty()) - 1);
    if (!sh.title.empty()) worksheet_write_string(ws, 0, 0, sh.title.c_str(), bold);
    for (std::size_t c = 0; c < sh.head.size(); ++c) {
      worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), sh.head[c].c_str(), head);
    }
    worksheet_freeze_panes(ws, row + 1, 0);
    ++row;
    for (std::size_t i = 0; i < sh.rows.size(); ++i) {
      const auto& r = sh.rows[i];
      for (std::size_t c = 0; c < r.size(); ++c) {
        auto col = static_cast<lxw_col_t>(c);
        lxw_format* f = sh.editable.contains({i, c}) ? entry : body;
        if (const auto* s = std::get_if<std::string>(&r[c])) {
          worksheet_write_string(ws, row, col, s->c_str(), f);
        } else if (const auto* n = std::get_if<int64_t>(&r[c])) {
          worksheet_write_number(ws, row, col, static_cast<double>(*n), f);
        } else if (const auto* d = std::get_if<double>(&r[c])) {
          worksheet_write_number(ws, row, col, *d, f);
        } else if (const auto* fx = std::get_if<Formula>(&r[c])) {
          worksheet_write_formula_num(ws, row, col, fx->expr.c_str(), f, fx->value);
        } else {
          worksheet_write_blank(ws, row, col, f);
        }
      }
      ++row;
    }
    // One rule per column over its data rows: what people type into an unlocked cell is checked
    // at once (locked cells cannot be typed into, so the range may include them).
    if (!sh.rows.empty()) {
      auto first = static_cast<lxw_row_t>(first_data_row(!sh.title.empty()));
      auto last = static_cast<lxw_row_t>(first + sh.rows.size() - 1);
      for (const auto& [column, accepts] : sh.accepts) {
        bool whole = accepts == Sheet::Accepts::kWholeNumber;
        std::string title = "Giá trị không hợp lệ";
        std::string message = whole ? "Ô này chỉ nhận số nguyên không âm: 0, 1, 2, …"
                                    : "Ô này chỉ nhận số, ví dụ 12 hoặc 12,5.";
        lxw_data_validation rule{};
        if (whole) {
          rule.validate = LXW_VALIDATION_TYPE_INTEGER;
          rule.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
          rule.value_number = 0;
        } else {
          // Any number (a change on the last period may be negative): text is what is refused.
          rule.validate = LXW_VALIDATION_TYPE_DECIMAL;
          rule.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
          rule.minimum_number = -1e15;
          rule.maximum_number = 1e15;
        }
        rule.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
        rule.error_title = title.data();
        rule.error_message = message.data();
        auto col = static_cast<lxw_col_t>(column);
        lxw_error added = worksheet_data_validation_range(ws, first, col, last, col, &rule);
        if (added != LXW_NO_ERROR) {
          workbook_close(wb);
          return Error::internal(std::string("xlsx: data validation: ") + lxw_strerror(added));
        }
      }
    }
    if (sh.protect) {
      lxw_protection options{};
      options.no_select_locked_cells = LXW_FALSE;
      options.format_columns = LXW_TRUE;  // people widen columns to read long labels
      worksheet_protect(ws, nullptr, &options);
    }
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return Error::internal(std::string("xlsx: ") + lxw_strerror(err));
  std::ifstream in(tmp.path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  if (!in.good() && !in.eof()) return Error::internal("xlsx: cannot read the workbook back");
  return out.str();
}

}  // namespace tinhso::xlsx
