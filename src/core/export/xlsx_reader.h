// Reading an uploaded Excel workbook (.xlsx) without trusting it: the cells of its sheets —
// numbers, text, and whether a cell holds a formula. The workbook is a zip of XML parts
// (ECMA-376): libzip opens it (Debian's libzip; the format needs nothing more than reading a
// zip's entries) and core/xml parses each part (no DTD, no entities, no network).
//
// Refused before anything is read, each with its own code and a Vietnamese message: not a zip
// or not a workbook; too many parts, a part or the whole too large once unpacked or packed too
// densely (zip bombs); macros (vbaProject.bin, ActiveX, a macro-enabled content type); links to
// other workbooks (externalLinks parts, workbook relationships with TargetMode="External";
// hyperlinks in sheets are never followed and are ignored). While reading: elements nest at
// most 256 deep, and the cells' count and their text together are bounded (one long shared
// string used by many cells would otherwise multiply). Text is NFC; Excel's _xHHHH_ escapes
// are decoded; booleans read as text ("TRUE"), never as numbers.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/result.h"

namespace tinhso::xlsx {

struct ReadCell {
  std::optional<double> number;  // a number (or a boolean as 0/1)
  std::string text;              // text, or the text of an error value
  bool formula = false;          // the cell holds a formula (its value is the cached result)
};

struct ReadSheet {
  std::string name;
  bool hidden = false;
  std::map<std::pair<int64_t, int64_t>, ReadCell> cells;  // (row, column), from 0

  const ReadCell* at(int64_t row, int64_t column) const;
};

struct Workbook {
  std::vector<ReadSheet> sheets;  // in the workbook's order
  const ReadSheet* sheet(std::string_view name) const;
};

struct ReadLimits {
  std::size_t max_parts = 1000;
  // A form's sheet is kilobytes; these bound what a hostile file makes the parser hold (a DOM
  // is several times its XML).
  std::size_t max_part_bytes = 8u << 20;    // one part, unpacked
  std::size_t max_total_bytes = 24u << 20;  // every part, unpacked
  std::size_t max_ratio = 200;              // unpacked / packed, for parts over 1 MB
  std::size_t max_cells = 200'000;          // a form is hundreds
  std::size_t max_text_bytes = 4u << 20;    // the text of every cell together
};

// Codes: xlsx.not_workbook (422), xlsx.too_large (413), xlsx.macros (422),
// xlsx.external_links (422), xlsx.malformed (422).
Result<Workbook> read(std::string_view bytes, const ReadLimits& limits = {});

// "C5" for row 4, column 2 (both from 0), as spreadsheets name cells.
std::string cell_name(int64_t row, int64_t column);

}  // namespace tinhso::xlsx
