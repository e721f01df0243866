// Building and editing zip packages (an .xlsx is one) in tests, with libzip: what a person or
// an attacker does to a workbook before uploading it.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace tinhso::testing {

// The parts of a package, by name.
std::map<std::string, std::string> unzip_parts(std::string_view bytes);
// A package of these parts (deflated; `stored` parts kept as they are).
std::string zip_parts(const std::map<std::string, std::string>& parts, bool stored = false);

// Sets the cell `ref` ("B4") of a worksheet's XML to `inner` ("<v>12</v>", "" for blank),
// with `type` as its t attribute ("" for a number, "inlineStr", …). The cell must exist.
std::string set_cell(std::string xml, std::string_view ref, std::string_view inner,
                     std::string_view type = "");

}  // namespace tinhso::testing
