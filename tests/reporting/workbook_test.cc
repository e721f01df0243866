// The Excel template of a report: filled offline, it reads back as the values a save takes;
// a template of another report or form version, a changed layout, an overwritten formula or a
// wrong value is refused naming the sheet and cell, and nothing is taken from it.
#include "reporting/workbook.h"

#include <gtest/gtest.h>

#include "core/base/json.h"
#include "core/export/xlsx.h"
#include "core/export/xlsx_reader.h"
#include "support/zip_parts.h"

namespace tinhso::reporting {
namespace {

using testing::set_cell;
using testing::unzip_parts;
using testing::zip_parts;

FormDef template_form(int64_t version = 1) {
  auto v = json::parse(R"({
    "code": "T1", "title": "Biểu số T1", "name": "Thử nghiệm",
    "rows": [{"code": "xa_a", "label": "Xã A"}, {"code": "xa_b", "label": "Xã B"},
             {"code": "tong", "label": "Tổng cộng", "total": true}],
    "columns": [
      {"code": "nam", "label": "Nam", "compulsory": true},
      {"code": "nu", "label": "Nữ", "compulsory": true},
      {"code": "cong", "label": "Cộng", "sum_of": ["nam", "nu"]},
      {"code": "co_viec", "label": "Có việc làm"},
      {"code": "ty_le", "label": "Tỷ lệ", "type": "number", "aggregation": "none"},
      {"code": "ghi_chu", "label": "Ghi chú", "type": "text"}]
  })");
  auto f = read_form(*v);
  EXPECT_TRUE(f.ok()) << f.error().describe();
  f->version = version;
  return *f;
}

const WorkbookKey kKey{7, "2026-Q3", 42, 3};

// The template as downloaded, with xa_a.nam = 10 already saved.
std::string downloaded(const FormDef& f, const WorkbookKey& key = kKey) {
  boost::json::object values{
      {"xa_a.nam", 10}, {"xa_a.cong", 10}, {"tong.nam", 10}, {"tong.cong", 10}};
  auto bytes = write_workbook(f, values, key, "Biểu số T1 — Xã A — Quý III/2026", true);
  EXPECT_TRUE(bytes.ok()) << bytes.error().describe();
  return bytes.ok() ? *bytes : std::string();
}

// A person's edits to the report sheet: (cell, inner XML, type).
std::string edited(const std::string& bytes,
                   const std::vector<std::tuple<std::string, std::string, std::string>>& cells) {
  auto parts = unzip_parts(bytes);
  std::string& sheet = parts.at("xl/worksheets/sheet1.xml");
  for (const auto& [ref, inner, type] : cells) sheet = set_cell(sheet, ref, inner, type);
  return zip_parts(parts);
}

std::string code_of(const Result<WorkbookValues>& r) {
  return r.ok() ? "ok" : r.error().code();
}

// The message about one cell ("row.col") of a validation error.
std::string problem(const Result<WorkbookValues>& r, const char* cell) {
  if (r.ok()) return "ok";
  const auto* fields = r.error().details().as_object().if_contains("fields");
  if (fields == nullptr || !fields->as_object().contains(cell)) return "";
  return std::string(fields->as_object().at(cell).as_string());
}

TEST(ReportWorkbook, TheTemplateFilledOfflineReadsBackAsTheValuesASaveTakes) {
  FormDef f = template_form();
  // Columns: A label, B Nam, C Nữ, D Cộng, E Có việc làm, F Tỷ lệ, G Ghi chú; rows 4–6.
  auto filled = edited(downloaded(f), {{"B4", "<v>12</v>", ""},
                                       {"C4", "<v>9</v>", ""},
                                       {"B5", "<v>4</v>", ""},
                                       {"C5", "<v>6</v>", ""},
                                       {"F4", "<v>0.75</v>", ""},
                                       {"G4", "<is><t>Đã rà soát</t></is>", "inlineStr"},
                                       {"G6", "<is><t>Số liệu tạm tính</t></is>", "inlineStr"}});
  auto read = read_workbook(f, kKey, filled);
  ASSERT_TRUE(read.ok()) << read.error().describe();
  EXPECT_EQ(read->report_version, 3);
  const auto& v = read->values;
  EXPECT_EQ(v.at("xa_a.nam").as_int64(), 12);
  EXPECT_EQ(v.at("xa_a.nu").as_int64(), 9);
  EXPECT_EQ(v.at("xa_b.nam").as_int64(), 4);
  EXPECT_EQ(v.at("xa_a.ty_le").as_double(), 0.75);
  EXPECT_EQ(v.at("xa_a.ghi_chu").as_string(), "Đã rà soát");
  EXPECT_EQ(v.at("tong.ghi_chu").as_string(), "Số liệu tạm tính");
  // Computed cells are the form's arithmetic: never taken from the file.
  EXPECT_FALSE(v.contains("xa_a.cong"));
  EXPECT_FALSE(v.contains("tong.nam"));
  // What a save does with them.
  auto values = read_values(f, v);
  ASSERT_TRUE(values.ok()) << values.error().describe();
  compute(f, *values);
  EXPECT_EQ(values->at("tong.cong").number, 31);
}

TEST(ReportWorkbook, TheTemplateIsProtectedWithFormulasForWhatIsComputed) {
  auto wb = xlsx::read(downloaded(template_form()));
  ASSERT_TRUE(wb.ok());
  const auto* s = wb->sheet("Báo cáo");
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(s->at(3, 3)->formula);  // D4: Cộng
  EXPECT_EQ(*s->at(3, 3)->number, 10);
  EXPECT_TRUE(s->at(5, 1)->formula);  // B6: the total of Nam
  EXPECT_EQ(*s->at(3, 1)->number, 10);
  EXPECT_TRUE(wb->sheet("tinhso")->hidden);
  auto parts = unzip_parts(downloaded(template_form()));
  const std::string& sheet = parts.at("xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<sheetProtection"), std::string::npos);
  EXPECT_NE(sheet.find("<f>SUM(B4,C4)</f>"), std::string::npos);
  EXPECT_NE(sheet.find("<f>SUM(B4,B5)</f>"), std::string::npos);
  // Excel checks what people type: counts whole and not negative, the rate any number, the
  // note anything (columns B, C, D, E are counts, F the rate, G the note; rows 4–6).
  EXPECT_NE(sheet.find(R"(<dataValidation type="whole" operator="greaterThanOrEqual" )"
                       R"(allowBlank="1" showInputMessage="1" showErrorMessage="1" )"),
            std::string::npos)
      << sheet.substr(sheet.find("<dataValidations"), 600);
  EXPECT_NE(sheet.find(R"(sqref="B4:B6")"), std::string::npos);
  EXPECT_NE(sheet.find(R"(type="decimal")"), std::string::npos);
  EXPECT_NE(sheet.find(R"(sqref="F4:F6")"), std::string::npos);
  EXPECT_EQ(sheet.find(R"(sqref="G4:G6")"), std::string::npos);
  EXPECT_NE(sheet.find("Ô này chỉ nhận số nguyên không âm"), std::string::npos);
}

TEST(ReportWorkbook, AnotherReportsOrAnotherVersionsTemplateIsRefused) {
  FormDef f = template_form();
  WorkbookKey other = kKey;
  other.period = "2026-Q2";
  auto earlier = read_workbook(f, kKey, downloaded(f, other));
  ASSERT_EQ(code_of(earlier), "report.other_report");
  // The period as people name it.
  EXPECT_NE(earlier.error().message().find("kỳ Quý II/2026"), std::string::npos)
      << earlier.error().message();
  other.period = "once";
  auto thematic = read_workbook(f, kKey, downloaded(f, other));
  EXPECT_NE(thematic.error().message().find("kỳ Báo cáo một lần"), std::string::npos)
      << thematic.error().message();
  other = kKey;
  other.unit_id = 43;
  EXPECT_EQ(code_of(read_workbook(f, kKey, downloaded(f, other))), "report.other_report");
  EXPECT_EQ(code_of(read_workbook(template_form(2), kKey, downloaded(f))),
            "report.other_form_version");
  // Any other workbook: the export of a spreadsheet someone made by hand.
  xlsx::Sheet own;
  own.name = "Sheet1";
  own.rows = {{std::string("Nam"), int64_t{12}}};
  EXPECT_EQ(code_of(read_workbook(f, kKey, *xlsx::write({own}))), "report.not_template");
  EXPECT_EQ(code_of(read_workbook(f, kKey, "not a workbook")), "xlsx.not_workbook");
}

TEST(ReportWorkbook, LabelsSavedDecomposedStillMatchAndUncalculatedFormulasAreNamed) {
  FormDef f = template_form();
  // "Xã B" written back in decomposed form (NFD), as some spreadsheets save Vietnamese.
  auto nfd = edited(downloaded(f),
                    {{"A5", "<is><t>Xa\xCC\x83 B</t></is>", "inlineStr"}, {"B4", "<v>12</v>", ""}});
  auto ok = read_workbook(f, kKey, nfd);
  ASSERT_TRUE(ok.ok()) << ok.error().describe();
  // A program wrote a formula in a cell to fill but never calculated it: the figure is unknown.
  auto bare = edited(downloaded(f), {{"B4", "<f>3+4</f>", ""}});
  auto r = read_workbook(f, kKey, bare);
  ASSERT_EQ(code_of(r), "validation_failed");
  EXPECT_NE(problem(r, "xa_a.nam").find("chưa có kết quả tính"), std::string::npos)
      << problem(r, "xa_a.nam");
  // Another unit's template says so.
  WorkbookKey other = kKey;
  other.unit_id = 43;
  auto theirs = read_workbook(f, kKey, downloaded(f, other));
  ASSERT_EQ(code_of(theirs), "report.other_report");
  EXPECT_NE(theirs.error().message().find("đơn vị khác"), std::string::npos);
}

TEST(ReportWorkbook, AChangedLayoutIsRefusedNamingTheCell) {
  FormDef f = template_form();
  auto moved = edited(downloaded(f), {{"A5", "<is><t>Xã C</t></is>", "inlineStr"}});
  auto r = read_workbook(f, kKey, moved);
  EXPECT_EQ(code_of(r), "report.template_changed");
  EXPECT_NE(r.error().message().find("ô A5"), std::string::npos) << r.error().message();
  EXPECT_NE(r.error().message().find("Xã B"), std::string::npos);
}

TEST(ReportWorkbook, OverwrittenFormulasAndWrongValuesAreNamedByCellAndNothingIsTaken) {
  FormDef f = template_form();
  auto bad = edited(downloaded(f), {{"D4", "<v>999</v>", ""},  // a formula typed over
                                    {"B5", "<is><t>mười</t></is>", "inlineStr"},
                                    {"C5", "<v>-3</v>", ""},
                                    {"F6", "<v>5</v>", ""},  // a total of rates
                                    {"B4", "<v>12</v>", ""}});
  auto r = read_workbook(f, kKey, bad);
  ASSERT_EQ(code_of(r), "validation_failed");
  EXPECT_NE(problem(r, "xa_a.cong").find("ô D4"), std::string::npos) << problem(r, "xa_a.cong");
  EXPECT_NE(problem(r, "xa_a.cong").find("ghi đè"), std::string::npos);
  EXPECT_NE(problem(r, "tong.ty_le").find("ô F6"), std::string::npos);
  // The values' own checks (a word for a count, a negative count) arrive once the layout is
  // right, still naming the cell.
  auto typed = read_workbook(f, kKey,
                             edited(downloaded(f), {{"B5", "<is><t>mười</t></is>", "inlineStr"},
                                                    {"C5", "<v>-3</v>", ""}}));
  ASSERT_EQ(code_of(typed), "validation_failed");
  EXPECT_NE(problem(typed, "xa_b.nam").find("ô B5"), std::string::npos)
      << problem(typed, "xa_b.nam");
  EXPECT_NE(problem(typed, "xa_b.nam").find("số nguyên"), std::string::npos);
  EXPECT_NE(problem(typed, "xa_b.nu").find("ô C5"), std::string::npos);
}

}  // namespace
}  // namespace tinhso::reporting
