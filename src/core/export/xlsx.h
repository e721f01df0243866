// Excel (.xlsx) export with libxlsxwriter: sheets of a title, a bold header row and typed
// cells, returned as bytes. libxlsxwriter writes to a file, so a private temporary file is
// used and removed.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/base/result.h"

namespace tinhso::xlsx {

inline constexpr const char* kContentType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

using Cell = std::variant<std::monostate, std::string, int64_t, double>;

struct Sheet {
  std::string name;   // tab name (≤ 31 characters)
  std::string title;  // first row, bold; may be empty
  std::vector<std::string> head;
  std::vector<double> widths;  // column widths in characters; missing ones default
  std::vector<std::vector<Cell>> rows;
};

Result<std::string> write(const std::vector<Sheet>& sheets);

}  // namespace tinhso::xlsx
