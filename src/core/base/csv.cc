#include "core/base/csv.h"

#include <fmt/format.h>

namespace tinhso::csv {

Result<std::vector<Row>> parse(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<Row> rows;
  Row row;
  std::string field;
  bool quoted = false, field_started = false;
  int line = 1, quote_line = 0;
  auto end_field = [&] {
    row.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_row = [&] {
    end_field();
    if (!(row.size() == 1 && row[0].empty())) rows.push_back(std::move(row));
    row.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
      quote_line = line;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r') {
      continue;
    } else if (c == '\n') {
      ++line;
      end_row();
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted) {
    return Error::invalid(fmt::format("Tệp CSV có dấu ngoặc kép chưa đóng (dòng {}).", quote_line));
  }
  if (field_started || !row.empty()) end_row();
  return rows;
}

void Writer::row(const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out_ += ',';
    const std::string& f = fields[i];
    bool quote = f.find_first_of(",\"\r\n") != std::string::npos;
    // Cells starting with =, +, -, @ would run as formulas in spreadsheets.
    bool formula = !f.empty() && (f[0] == '=' || f[0] == '+' || f[0] == '@' ||
                                  (f[0] == '-' && (f.size() == 1 || f[1] < '0' || f[1] > '9')));
    if (quote || formula) {
      out_ += '"';
      if (formula) out_ += '\'';
      for (char c : f) {
        if (c == '"') out_ += '"';
        out_ += c;
      }
      out_ += '"';
    } else {
      out_ += f;
    }
  }
  out_ += "\r\n";
}

}  // namespace tinhso::csv
