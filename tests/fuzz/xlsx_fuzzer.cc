// Fuzzes the reader of uploaded Excel workbooks (core/export/xlsx_reader.h). The first byte
// chooses what the rest is: even — a whole package, as an attacker uploads it (zip structure,
// part sizes, content types, relationships); odd — the XML of a report sheet, with an optional
// shared-strings part after "\0SST\0", packed here into a valid workbook so that mutations
// reach the cell parser instead of failing the zip's checksums. Invariants beyond "no crash":
// a refusal carries an xlsx.* code; what is read stays within the limits, and every sheet name
// and cell text is valid UTF-8 in NFC.
#include <zip.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/text.h"
#include "core/export/xlsx_reader.h"

using namespace tinhso;

namespace {

constexpr std::string_view kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/xl/workbook.xml" ContentType="application/)"
    R"(vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>)";
constexpr std::string_view kWorkbookRels =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/)"
    R"(relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>)";
constexpr std::string_view kWorkbook =
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
    R"(<sheets><sheet name="Báo cáo" sheetId="1" r:id="rId1"/></sheets></workbook>)";

// A stored (uncompressed) zip of `parts`, built in memory.
std::string package(const std::vector<std::pair<std::string, std::string_view>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) std::abort();
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) std::abort();
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(archive, data.data(), data.size(), 0);
    zip_int64_t index = s ? zip_file_add(archive, name.c_str(), s, ZIP_FL_OVERWRITE) : -1;
    if (index < 0) std::abort();
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  if (zip_close(archive) != 0) std::abort();
  std::string out;
  if (zip_source_open(buffer) != 0) std::abort();
  char chunk[65536];
  for (zip_int64_t n; (n = zip_source_read(buffer, chunk, sizeof chunk)) > 0;)
    out.append(chunk, static_cast<std::size_t>(n));
  zip_source_close(buffer);
  zip_source_free(buffer);
  return out;
}

void check_text(std::string_view s) {
  if (!text::is_valid_utf8(s) || !text::is_nfc(s)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string bytes;
  if (data[0] % 2 == 0) {
    bytes = std::string(input);
  } else {
    constexpr std::string_view kSeparator("\0SST\0", 5);
    auto at = input.find(kSeparator);
    std::vector<std::pair<std::string, std::string_view>> parts{
        {"[Content_Types].xml", kContentTypes},
        {"xl/_rels/workbook.xml.rels", kWorkbookRels},
        {"xl/workbook.xml", kWorkbook},
        {"xl/worksheets/sheet1.xml", input.substr(0, at)}};
    if (at != std::string_view::npos)
      parts.emplace_back("xl/sharedStrings.xml", input.substr(at + kSeparator.size()));
    bytes = package(parts);
  }

  xlsx::ReadLimits limits;
  auto wb = xlsx::read(bytes, limits);
  if (!wb.ok()) {
    if (!wb.error().code().starts_with("xlsx.")) __builtin_trap();
    return 0;
  }
  std::size_t cells = 0, text_bytes = 0;
  for (const auto& sheet : wb->sheets) {
    check_text(sheet.name);
    cells += sheet.cells.size();
    for (const auto& [at, cell] : sheet.cells) {
      if (at.first < 0 || at.second < 0) __builtin_trap();
      check_text(cell.text);
      text_bytes += cell.text.size();
    }
  }
  if (cells > limits.max_cells || text_bytes > limits.max_text_bytes) __builtin_trap();
  return 0;
}
