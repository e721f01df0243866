// The workbook reader: what the writer makes reads back cell for cell (numbers, text, formulas,
// hidden sheets); what an attacker sends — not a zip, a zip bomb, macros, links to other files,
// entities, references out of range — is refused with its own code before anything is used.
#include "core/export/xlsx_reader.h"

#include <gtest/gtest.h>

#include "core/export/xlsx.h"
#include "support/zip_parts.h"

namespace tinhso::xlsx {
namespace {

using testing::set_cell;
using testing::unzip_parts;
using testing::zip_parts;

std::string sample() {
  Sheet a;
  a.name = "Báo cáo";
  a.title = "Biểu số 06 — Tiếp nhận hồ sơ";
  a.head = {"Chỉ tiêu", "Trực tuyến", "Trực tiếp", "Tổng"};
  a.rows = {{std::string("Lĩnh vực đất đai"), int64_t{12}, 3.5, Formula{"=SUM(B4,C4)", 15.5}},
            {std::string("Hộ tịch"), std::monostate{}, int64_t{0}, Formula{"=SUM(B5,C5)", 0}}};
  a.protect = true;
  a.editable = {{0, 1}, {0, 2}, {1, 1}, {1, 2}};
  Sheet b;
  b.name = "tinhso";
  b.hidden = true;
  b.head = {"Khóa", "Giá trị"};
  b.rows = {{std::string("form_code"), std::string("06/VPCP/KSTT")}};
  auto bytes = write({a, b});
  EXPECT_TRUE(bytes.ok());
  return bytes.ok() ? *bytes : std::string();
}

std::string code_of(const Result<Workbook>& r) {
  return r.ok() ? "ok" : r.error().code();
}

TEST(XlsxReader, WhatTheWriterMakesReadsBackCellForCell) {
  auto wb = read(sample());
  ASSERT_TRUE(wb.ok()) << wb.error().describe();
  ASSERT_EQ(wb->sheets.size(), 2u);
  const ReadSheet* s = wb->sheet("Báo cáo");
  ASSERT_NE(s, nullptr);
  EXPECT_FALSE(s->hidden);
  EXPECT_EQ(s->at(0, 0)->text, "Biểu số 06 — Tiếp nhận hồ sơ");
  EXPECT_EQ(s->at(2, 3)->text, "Tổng");
  EXPECT_EQ(s->at(3, 0)->text, "Lĩnh vực đất đai");
  EXPECT_EQ(*s->at(3, 1)->number, 12);
  EXPECT_EQ(*s->at(3, 2)->number, 3.5);
  EXPECT_TRUE(s->at(3, 3)->formula);
  EXPECT_EQ(*s->at(3, 3)->number, 15.5);
  EXPECT_FALSE(s->at(3, 1)->formula);
  EXPECT_EQ(s->at(4, 1), nullptr);  // blank: formatting only
  EXPECT_EQ(*s->at(4, 2)->number, 0);
  EXPECT_TRUE(wb->sheet("tinhso")->hidden);
  EXPECT_EQ(wb->sheet("tinhso")->at(1, 1)->text, "06/VPCP/KSTT");
}

TEST(XlsxReader, CellsSetByHandReadAsSpreadsheetsWriteThem) {
  auto parts = unzip_parts(sample());
  std::string& sheet = parts.at("xl/worksheets/sheet1.xml");
  sheet = set_cell(sheet, "B5", "<is><r><t>bảy</t></r><r><t> mươi</t></r></is>", "inlineStr");
  sheet = set_cell(sheet, "C5", "<v>1</v>", "b");
  sheet = set_cell(sheet, "C4", "<is><t>dòng 1_x000D__x000A_dòng 2</t></is>", "inlineStr");
  auto wb = read(zip_parts(parts));
  ASSERT_TRUE(wb.ok()) << wb.error().describe();
  const ReadSheet* s = wb->sheet("Báo cáo");
  EXPECT_EQ(s->at(4, 1)->text, "bảy mươi");
  // A truth value is never taken for a count.
  EXPECT_EQ(s->at(4, 2)->text, "TRUE");
  EXPECT_FALSE(s->at(4, 2)->number.has_value());
  // Excel's escapes of characters XML cannot hold are decoded (the form then judges them).
  EXPECT_EQ(s->at(3, 2)->text, "dòng 1\r\ndòng 2");
}

// Found by the fuzzer: text typed decomposed (a + combining acute, as some keyboards and Macs
// write Vietnamese) comes back composed, as the reader promises.
TEST(XlsxReader, TextComesBackComposed) {
  auto parts = unzip_parts(sample());
  std::string& sheet = parts.at("xl/worksheets/sheet1.xml");
  sheet = set_cell(sheet, "B5", "<is><t>Xa\xCC\x81 B</t></is>", "inlineStr");
  auto wb = read(zip_parts(parts));
  ASSERT_TRUE(wb.ok()) << wb.error().describe();
  EXPECT_EQ(wb->sheet("Báo cáo")->at(4, 1)->text, "Xá B");
}

TEST(XlsxReader, NestingAndRepeatedTextCannotExhaustTheServer) {
  auto parts = unzip_parts(sample());
  // 100,000 nested runs in one shared string: refused by the parser's depth limit, no recursion.
  std::string deep =
      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si>";
  for (int i = 0; i < 100000; ++i) deep += "<r>";
  for (int i = 0; i < 100000; ++i) deep += "</r>";
  deep += "</si></sst>";
  auto p = parts;
  p["xl/sharedStrings.xml"] = deep;
  EXPECT_EQ(code_of(read(zip_parts(p))), "xlsx.malformed");
  // One string of 1 MB used by many cells: the text the cells hold together is bounded.
  p = parts;
  p["xl/sharedStrings.xml"] =
      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>" +
      std::string(1u << 20, 'a') + "</t></si></sst>";
  std::string& sheet = p.at("xl/worksheets/sheet1.xml");
  for (const char* ref : {"B4", "C4", "B5", "C5", "A4", "A5"})
    sheet = set_cell(sheet, ref, "<v>0</v>", "s");
  EXPECT_EQ(code_of(read(zip_parts(p))), "xlsx.too_large");
}

TEST(XlsxReader, NamesCellsAsSpreadsheetsDo) {
  EXPECT_EQ(cell_name(0, 0), "A1");
  EXPECT_EQ(cell_name(4, 2), "C5");
  EXPECT_EQ(cell_name(9, 25), "Z10");
  EXPECT_EQ(cell_name(0, 26), "AA1");
  EXPECT_EQ(cell_name(1'048'575, 16'383), "XFD1048576");
}

TEST(XlsxReader, WhatIsNotAWorkbookIsSaidSo) {
  EXPECT_EQ(code_of(read("")), "xlsx.not_workbook");
  EXPECT_EQ(code_of(read("%PDF-1.4 not a spreadsheet")), "xlsx.not_workbook");
  EXPECT_EQ(code_of(read(std::string("PK\x03\x04", 4) + std::string(100, 'x'))),
            "xlsx.not_workbook");
  // A zip, but not a workbook (a .docx, an archive of photos).
  EXPECT_EQ(code_of(read(zip_parts({{"word/document.xml", "<w/>"}}))), "xlsx.not_workbook");
  // A workbook with a part cut short.
  std::string cut = sample();
  cut.resize(cut.size() / 2);
  EXPECT_EQ(code_of(read(cut)), "xlsx.not_workbook");
}

TEST(XlsxReader, ZipBombsAreRefusedBeforeTheyAreUnpacked) {
  auto parts = unzip_parts(sample());
  // 40 MB of zeros packs into about 40 KB: over the part limit, and far too dense.
  parts["xl/media/image1.png"] = std::string(40u << 20, '\0');
  EXPECT_EQ(code_of(read(zip_parts(parts))), "xlsx.too_large");
  // Under every size limit, but packed a thousand to one.
  parts["xl/media/image1.png"] = std::string(3u << 20, '\0');
  EXPECT_EQ(code_of(read(zip_parts(parts))), "xlsx.too_large");
  // Too many parts.
  parts.erase("xl/media/image1.png");
  ReadLimits few;
  few.max_parts = 5;
  EXPECT_EQ(code_of(read(zip_parts(parts), few)), "xlsx.too_large");
  // Too many cells.
  ReadLimits cells;
  cells.max_cells = 5;
  EXPECT_EQ(code_of(read(sample(), cells)), "xlsx.too_large");
}

TEST(XlsxReader, MacrosAndLinksToOtherFilesAreRefused) {
  auto parts = unzip_parts(sample());
  auto with = [&](const std::string& name, const std::string& data) {
    auto p = parts;
    p[name] = data;
    return read(zip_parts(p));
  };
  EXPECT_EQ(code_of(with("xl/vbaProject.bin", "macro")), "xlsx.macros");
  EXPECT_EQ(code_of(with("xl/activeX/activeX1.xml", "<x/>")), "xlsx.macros");
  auto types = parts.at("[Content_Types].xml");
  EXPECT_EQ(code_of(with("[Content_Types].xml",
                         types + "<!-- application/vnd.ms-excel.sheet.macroEnabled.main+xml -->")),
            "xlsx.macros");
  EXPECT_EQ(code_of(with("xl/externalLinks/externalLink1.xml", "<externalLink/>")),
            "xlsx.external_links");
  std::string rels = parts.at("xl/_rels/workbook.xml.rels");
  rels.replace(rels.find("</Relationships>"), 16,
               "<Relationship Id=\"rId99\" Type=\"x\" Target=\"file:///etc/passwd\" "
               "TargetMode=\"External\"/></Relationships>");
  EXPECT_EQ(code_of(with("xl/_rels/workbook.xml.rels", rels)), "xlsx.external_links");
}

TEST(XlsxReader, HostileXmlIsRefused) {
  auto parts = unzip_parts(sample());
  std::string& sheet = parts.at("xl/worksheets/sheet1.xml");
  // An entity declaration ("billion laughs", external entities) in a part.
  std::string entity = sheet;
  entity.insert(entity.find("<worksheet"),
                "<!DOCTYPE worksheet [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>");
  auto p = parts;
  p["xl/worksheets/sheet1.xml"] = entity;
  EXPECT_EQ(code_of(read(zip_parts(p))), "xlsx.dtd_forbidden");
  // A shared string that does not exist.
  p["xl/worksheets/sheet1.xml"] = set_cell(sheet, "B5", "<v>99999</v>", "s");
  EXPECT_EQ(code_of(read(zip_parts(p))), "xlsx.malformed");
  // A number that is not one, or not finite; a cell type that does not exist.
  p["xl/worksheets/sheet1.xml"] = set_cell(sheet, "B5", "<v>1e9999x</v>");
  EXPECT_EQ(code_of(read(zip_parts(p))), "xlsx.malformed");
  p["xl/worksheets/sheet1.xml"] = set_cell(sheet, "B5", "<v>nan</v>");
  EXPECT_EQ(code_of(read(zip_parts(p))), "xlsx.malformed");
  p["xl/worksheets/sheet1.xml"] = set_cell(sheet, "B5", "<v>1</v>", "zzz");
  EXPECT_EQ(code_of(read(zip_parts(p))), "xlsx.malformed");
  // Broken XML.
  p["xl/worksheets/sheet1.xml"] = sheet.substr(0, sheet.size() / 2);
  EXPECT_EQ(code_of(read(zip_parts(p))), "xlsx.malformed");
  // Not UTF-8: the part is not XML.
  p["xl/worksheets/sheet1.xml"] = set_cell(sheet, "B5", "<is><t>\xC3\x28</t></is>", "inlineStr");
  auto r = read(zip_parts(p));
  ASSERT_EQ(code_of(r), "xlsx.malformed");
  EXPECT_EQ(r.error().status(), 422);
  EXPECT_NE(r.error().message().find("xl/worksheets/sheet1.xml"), std::string::npos);
}

}  // namespace
}  // namespace tinhso::xlsx
