// Report forms: reading a definition, entered values, computed cells, findings.
#include "reporting/form.h"

#include <gtest/gtest.h>

#include "core/base/json.h"

namespace tinhso::reporting {
namespace {

FormDef form_with_rules() {
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
      {"code": "ghi_chu", "label": "Ghi chú", "type": "text"}],
    "rules": [{"code": "viec_lam", "left": ["co_viec"], "op": "le", "right": ["cong"],
               "message": "Số có việc làm vượt tổng số"},
              {"code": "can_bang", "left": ["nam"], "op": "eq", "right": ["nu"],
               "severity": "warning", "message": "Số nam và nữ chênh lệch"}]
  })");
  auto f = read_form(*v);
  EXPECT_TRUE(f.ok()) << f.error().describe();
  return *f;
}

Values entered(const FormDef& f, const char* json_text) {
  auto v = json::parse(json_text);
  auto values = read_values(f, v->as_object());
  EXPECT_TRUE(values.ok()) << values.error().describe();
  return values.ok() ? *values : Values{};
}

TEST(FormTest, ComputedColumnsAndTotalRowsAreTheFormsArithmetic) {
  auto f = form_with_rules();
  auto v = entered(f, R"({"xa_a.nam": 10, "xa_a.nu": 12, "xa_a.co_viec": 15,
                          "xa_b.nam": 5, "xa_b.nu": 5, "xa_b.co_viec": 9, "xa_a.ghi_chu": "ổn"})");
  compute(f, v);
  EXPECT_EQ(v.at("xa_a.cong").number, 22);
  EXPECT_EQ(v.at("tong.nam").number, 15);
  EXPECT_EQ(v.at("tong.nu").number, 17);
  EXPECT_EQ(v.at("tong.cong").number, 32);
  EXPECT_EQ(v.at("tong.co_viec").number, 24);
  EXPECT_FALSE(v.contains("tong.ghi_chu"));  // text is not added up
  auto findings = check(f, v);
  // Xã A: 10 men and 12 women — a warning, not an error; nothing blocks.
  ASSERT_EQ(findings.size(), 2u);  // Xã A and the total row differ in men and women
  for (const auto& x : findings) EXPECT_FALSE(x.error) << x.message;
  EXPECT_NE(findings.front().message.find("Xã A"), std::string::npos);
}

// A computed cell taken apart is what compute() adds: its figure from the parts' figures is the
// figure compute() gives it.
TEST(FormTest, AComputedCellIsTheSumOfItsEnteredParts) {
  auto f = form_with_rules();
  auto parts = [&](const char* row, const char* column) {
    std::vector<std::string> out;
    for (const auto& p : entered_parts(f, *f.row(row), *f.column(column)))
      out.push_back(cell_key(p.row->code, p.column->code));
    return out;
  };
  EXPECT_EQ(parts("xa_a", "nam"), (std::vector<std::string>{"xa_a.nam"}));
  EXPECT_EQ(parts("xa_a", "cong"), (std::vector<std::string>{"xa_a.nam", "xa_a.nu"}));
  EXPECT_EQ(parts("tong", "nam"), (std::vector<std::string>{"xa_a.nam", "xa_b.nam"}));
  EXPECT_EQ(parts("tong", "cong"),
            (std::vector<std::string>{"xa_a.nam", "xa_b.nam", "xa_a.nu", "xa_b.nu"}));
  EXPECT_TRUE(parts("tong", "ty_le").empty());  // a rate's total row stays empty
  EXPECT_TRUE(parts("tong", "ghi_chu").empty());
  auto v = entered(f, R"({"xa_a.nam": 3, "xa_a.nu": 4, "xa_b.nam": 5, "xa_b.nu": 6})");
  compute(f, v);
  for (const char* cell : {"tong.cong", "xa_b.cong", "tong.nu"}) {
    std::string k(cell);
    auto dot = k.find('.');
    double sum = 0;
    for (const auto& p : entered_parts(f, *f.row(k.substr(0, dot)), *f.column(k.substr(dot + 1))))
      sum += v.at(cell_key(p.row->code, p.column->code)).number.value_or(0);
    EXPECT_EQ(v.at(k).number, sum) << cell;
  }
}

TEST(FormTest, MissingCompulsoryCellsAndBrokenRulesAreErrorsNamingTheCell) {
  auto f = form_with_rules();
  auto v = entered(f, R"({"xa_a.nam": 3, "xa_a.nu": 3, "xa_a.co_viec": 7})");
  compute(f, v);
  auto findings = check(f, v);
  int compulsory = 0, rule = 0;
  for (const auto& x : findings) {
    if (x.rule == "compulsory") {
      ++compulsory;
      EXPECT_NE(x.message.find("Xã B"), std::string::npos) << x.message;
    }
    if (x.rule == "viec_lam" && x.error) ++rule;
  }
  EXPECT_EQ(compulsory, 2);  // Xã B's men and women
  EXPECT_EQ(rule, 2);        // 7 employed of 6, in Xã A and in the total
}

TEST(FormTest, BadValuesAreRefusedEachNamed) {
  auto f = form_with_rules();
  auto v = json::parse(R"({"xa_a.nam": -1, "xa_a.nu": 2.5, "xa_a.cong": 9, "tong.nam": 4,
                           "xa_c.nam": 1, "xa_a.ghi_chu": 5, "xa_a.ty_le": "x"})");
  auto r = read_values(f, v->as_object());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status(), 422);
  const auto& fields = r.error().details().at("fields").as_object();
  for (const char* k :
       {"xa_a.nam", "xa_a.nu", "xa_a.cong", "tong.nam", "xa_c.nam", "xa_a.ghi_chu", "xa_a.ty_le"})
    EXPECT_TRUE(fields.contains(k)) << k;
  EXPECT_NE(std::string(fields.at("xa_a.cong").as_string()).find("tính tự động"),
            std::string::npos);
}

TEST(FormTest, DefinitionsWithProblemsListEveryOne) {
  auto v = json::parse(R"({"code": "T 2", "title": "", "name": "x",
    "rows": [{"code": "a", "label": "A"}, {"code": "a", "label": "A again"}],
    "columns": [{"code": "s", "label": "S", "sum_of": ["later"]},
                {"code": "later", "label": "Later"},
                {"code": "t", "label": "T", "type": "text", "aggregation": "sum"}],
    "rules": [{"code": "r", "left": ["t"], "right": ["s"], "message": "m"}]})");
  auto f = read_form(*v);
  ASSERT_FALSE(f.ok());
  const auto& fields = f.error().details().at("fields").as_object();
  for (const char* k :
       {"code", "title", "rows[1].code", "columns[0].sum_of", "columns[2]", "rules[0]"})
    EXPECT_TRUE(fields.contains(k)) << k << " in " << boost::json::serialize(fields);
}

TEST(FormTest, AFormReadsBackFromItsJson) {
  auto f = form_with_rules();
  auto again = read_form(boost::json::value(form_json(f)));
  ASSERT_TRUE(again.ok()) << again.error().describe();
  EXPECT_EQ(boost::json::serialize(form_json(*again)), boost::json::serialize(form_json(f)));
}

}  // namespace
}  // namespace tinhso::reporting
