// DHIS2 dataValueSets: periods both ways, the set's defaults, the two ways of naming a cell,
// and every bad entry named by its place.
#include "reporting/dhis2.h"

#include <gtest/gtest.h>

#include <set>

#include "core/base/json.h"

namespace tinhso::reporting::dhis2 {
namespace {

FormDef form() {
  auto v = json::parse(R"({
    "code": "T1", "title": "Biểu số T1", "name": "Thử nghiệm",
    "rows": [{"code": "xa_a", "label": "Xã A"}, {"code": "tong", "label": "Tổng", "total": true}],
    "columns": [{"code": "nam", "label": "Nam"}, {"code": "ghi_chu", "label": "Ghi chú", "type": "text"}]
  })");
  auto f = read_form(*v);
  EXPECT_TRUE(f.ok()) << f.error().describe();
  return *f;
}

TEST(Dhis2, PeriodsReadInDhis2sFormOrOursAndWriteInDhis2s) {
  struct Case {
    PeriodType type;
    const char* dhis2;
    const char* ours;
  };
  for (const auto& c : {Case{PeriodType::kMonth, "202611", "2026-11"},
                        Case{PeriodType::kQuarter, "2026Q4", "2026-Q4"},
                        Case{PeriodType::kHalfYear, "2026S1", "2026-H1"},
                        Case{PeriodType::kNineMonths, "2026-9M", "2026-9M"},
                        Case{PeriodType::kYear, "2026", "2026"}}) {
    auto a = read_period(c.type, c.dhis2);
    ASSERT_TRUE(a.ok()) << c.dhis2;
    EXPECT_EQ(a->id(), c.ours);
    EXPECT_EQ(period_id(*a), c.dhis2);
    auto b = read_period(c.type, c.ours);
    ASSERT_TRUE(b.ok()) << c.ours;
    EXPECT_EQ(*a, *b);
  }
  EXPECT_FALSE(read_period(PeriodType::kMonth, "202613").ok());
  EXPECT_FALSE(read_period(PeriodType::kHalfYear, "2026S2").ok());  // no second-half regime
  EXPECT_FALSE(read_period(PeriodType::kQuarter, "2026Q5").ok());
  EXPECT_FALSE(read_period(PeriodType::kMonth, "2026W45").ok());
}

TEST(Dhis2, TheSetsPeriodAndUnitApplyToValuesWithoutTheirs) {
  auto body = json::parse(R"({"dataSet": "LD", "period": "202611", "orgUnit": "000.00.56.H47",
    "dataValues": [
      {"dataElement": "xa_a", "categoryOptionCombo": "nam", "value": "12"},
      {"dataElement": "xa_a.ghi_chu", "value": "ổn", "orgUnit": "000.00.57.H47"},
      {"dataElement": "xa_a", "categoryOptionCombo": "nam", "period": "202610", "value": 7},
      {"dataElement": "xa_a.nam", "deleted": true}]})");
  auto set = read_data_value_set(*body, 100);
  ASSERT_TRUE(set.ok()) << set.error().describe();
  EXPECT_TRUE(set->problems.empty());
  const auto* values = &set->values;
  ASSERT_EQ(values->size(), 4u);
  EXPECT_EQ((*values)[0].org_unit, "000.00.56.H47");
  EXPECT_EQ((*values)[0].period, "202611");
  EXPECT_EQ((*values)[1].org_unit, "000.00.57.H47");
  EXPECT_EQ((*values)[2].period, "202610");
  EXPECT_EQ(*(*values)[2].value, "7");
  EXPECT_FALSE((*values)[3].value.has_value());

  FormDef f = form();
  EXPECT_EQ(cell_of(f, (*values)[0]), "xa_a.nam");
  EXPECT_EQ(cell_of(f, (*values)[1]), "xa_a.ghi_chu");
  DataValue unknown{0, "xa_b", "nam", "", "", "", "1"};
  EXPECT_FALSE(cell_of(f, unknown).has_value());
  DataValue defaulted{0, "xa_a.nam", std::string(kDefaultCombo), "", "", "", "1"};
  EXPECT_EQ(cell_of(f, defaulted), "xa_a.nam");
  EXPECT_EQ(cell_value(*f.column("nam"), "12"), boost::json::value(12));
  EXPECT_EQ(cell_value(*f.column("nam"), "12.5"), boost::json::value(12.5));
  EXPECT_EQ(cell_value(*f.column("nam"), "mười"), boost::json::value("mười"));
  EXPECT_EQ(cell_value(*f.column("ghi_chu"), "12"), boost::json::value("12"));
}

TEST(Dhis2, BadEntriesAreNamedByTheirPlace) {
  auto body = json::parse(R"({"dataValues": [
      {"dataElement": "xa_a.nam", "value": "1"},
      "not an object",
      {"value": "3", "period": "202611", "orgUnit": "x"},
      {"dataElement": "xa_a.nam", "value": {"n": 1}, "period": "202611", "orgUnit": "x"}]})");
  // Each bad entry is a conflict named by its place (the import takes the good ones when
  // atomicMode=NONE); the set itself is read.
  auto set = read_data_value_set(*body, 100);
  ASSERT_TRUE(set.ok()) << set.error().describe();
  EXPECT_TRUE(set->values.empty());
  EXPECT_EQ(set->bad_entries, 4u);
  std::set<std::string> objects;
  for (const auto& p : set->problems) {
    objects.insert(std::string(p.at("object").as_string()));
    EXPECT_FALSE(p.at("value").as_string().empty());
  }
  EXPECT_EQ(objects,
            (std::set<std::string>{"dataValues[0].orgUnit", "dataValues[0].period", "dataValues[1]",
                                   "dataValues[2].dataElement", "dataValues[3].value"}));
  // A set of thousands of bad entries answers with the first 1,000 and counts the rest.
  boost::json::array bad(1005, boost::json::value("not an object"));
  auto many_bad = read_data_value_set(boost::json::object{{"dataValues", bad}}, 2000);
  ASSERT_TRUE(many_bad.ok());
  EXPECT_EQ(many_bad->problems.size(), kMaxProblems);
  EXPECT_EQ(many_bad->problems_total, 1005u);
  EXPECT_EQ(many_bad->bad_entries, 1005u);
  EXPECT_FALSE(read_data_value_set(*json::parse(R"({"period": "202611"})"), 100).ok());
  // More values than allowed.
  auto many = json::parse(R"({"period": "202611", "orgUnit": "x", "dataValues": [
      {"dataElement": "a.b", "value": "1"}, {"dataElement": "a.b", "value": "2"}]})");
  EXPECT_FALSE(read_data_value_set(*many, 1).ok());
}

}  // namespace
}  // namespace tinhso::reporting::dhis2
