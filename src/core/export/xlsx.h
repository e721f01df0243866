// Excel (.xlsx) export with libxlsxwriter: sheets of a title, a bold header row and typed
// cells, returned as bytes. libxlsxwriter writes to a file, so a private temporary file is
// used and removed. A sheet may be a template people fill offline: protected, with the cells
// to fill unlocked and shaded, formulas for what is computed (xlsx_reader.h reads it back).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/base/result.h"

namespace tinhso::xlsx {

inline constexpr const char* kContentType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A formula ("=SUM(B4:D4)") with its current result, shown by viewers that do not recalculate.
struct Formula {
  std::string expr;
  double value = 0;
};

using Cell = std::variant<std::monostate, std::string, int64_t, double, Formula>;

struct Sheet {
  std::string name;   // tab name (≤ 31 characters)
  std::string title;  // first row, bold; may be empty
  std::vector<std::string> head;
  std::vector<double> widths;  // column widths in characters; missing ones default
  std::vector<std::vector<Cell>> rows;
  bool hidden = false;   // not the first sheet
  bool protect = false;  // only `editable` cells can be changed (no password: a guard, not a lock)
  std::set<std::pair<std::size_t, std::size_t>> editable;  // (index in rows, column)
  // What a column's cells accept, checked by Excel while people type (Data Validation, with a
  // Vietnamese message); the server checks again on upload. Columns not listed take anything.
  enum class Accepts { kWholeNumber, kNumber };  // a count (0 or more), any number
  std::map<std::size_t, Accepts> accepts;
};

// The spreadsheet row (from 0) of rows[0]: after the title and a blank row, and the header.
std::size_t first_data_row(bool titled);

Result<std::string> write(const std::vector<Sheet>& sheets);

}  // namespace tinhso::xlsx
