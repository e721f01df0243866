// Regimes read from their definitions: a periodic one counts its deadline from each period's
// cut-off; a thematic or ad hoc request (báo cáo chuyên đề, đột xuất — Nghị định 09/2019/NĐ-CP,
// Art. 3) is asked once, for the dates it names, by the day it names, and nothing else of the
// periodic arithmetic applies to it.
#include "reporting/regimes.h"

#include <gtest/gtest.h>

#include "support/test_org.h"

namespace tinhso::reporting {
namespace {

using boost::json::object;

class RegimesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto imported = org_.import(
        "code,parent_code,name,short_name,level,kind\n"
        "000.00.00.H47,,Ủy ban nhân dân tỉnh An Khang,UBND tỉnh,province,people_committee\n"
        "000.00.01.H47,000.00.00.H47,Văn phòng UBND tỉnh,VP,province,department\n"
        "000.00.57.H47,000.00.00.H47,Ủy ban nhân dân xã Tân Phước,UBND xã,commune,"
        "people_committee\n");
    ASSERT_TRUE(imported.ok()) << imported.error().describe();
  }
  object once(object window, object deadline) {
    return object{{"code", "BAO-LU-2026"},
                  {"name", "Báo cáo thiệt hại do bão số 13"},
                  {"form_code", "THIET-HAI"},
                  {"form_version", 1},
                  {"period_type", "once"},
                  {"window", std::move(window)},
                  {"deadline", std::move(deadline)},
                  {"receiver_unit_id", org_.id("000.00.01.H47")},
                  {"reporter_unit_ids", boost::json::array{org_.id("000.00.57.H47")}}};
  }
  // A request for 6–9 November due on the 15th, with `change` applied.
  object good(const object& change = {}) {
    auto body = once(object{{"from", "2026-11-06"}, {"to", "2026-11-09"}},
                     object{{"kind", "date"}, {"date", "2026-11-15"}});
    for (const auto& [k, v] : change) body[k] = v;
    return body;
  }
  testing::TestOrg org_;
};

TEST_F(RegimesTest, AReportAskedOnceHasItsOwnWindowAndDay) {
  auto g = read_regime(once(object{{"from", "2026-11-06"}, {"to", "2026-11-09"}},
                            object{{"kind", "date"}, {"date", "2026-11-15"}}),
                       *org_.cache->get());
  ASSERT_TRUE(g.ok()) << g.error().describe();
  calendar::WorkingCalendar cal;
  auto periods = open_periods(*g, make_date(2026, 11, 10));
  ASSERT_EQ(periods.size(), 1u);
  const Period& p = periods.front();
  EXPECT_EQ(p.id(), "once");
  EXPECT_EQ(window_of(*g, p).from, make_date(2026, 11, 6));
  EXPECT_EQ(window_of(*g, p).to, make_date(2026, 11, 9));
  // The day it names, working day or not (a Sunday here): the requester chose it.
  EXPECT_EQ(due_date(*g, p, cal), make_date(2026, 11, 15));
  EXPECT_EQ(periods_within(p, PeriodType::kOnce).size(), 1u);
  EXPECT_TRUE(periods_within(p, PeriodType::kMonth).empty());
  EXPECT_TRUE(periods_within(Period{PeriodType::kYear, 2026, 1}, PeriodType::kOnce).empty());
  // What it was given is what it shows.
  auto shown = regime_json(*g, *org_.cache->get());
  EXPECT_EQ(shown.at("window").at("to").as_string(), "2026-11-09");
  EXPECT_EQ(shown.at("deadline").at("kind").as_string(), "date");
  EXPECT_EQ(shown.at("period_type_label").as_string(), "Một lần (chuyên đề, đột xuất)");
}

TEST_F(RegimesTest, OnceAndPeriodicRulesAreNotMixed) {
  auto problems = [&](const object& body) -> object {
    auto g = read_regime(body, *org_.cache->get());
    EXPECT_FALSE(g.ok());
    if (g.ok()) return {};
    return g.error().details().at("fields").as_object();
  };
  // No window; a deadline counted from periods; a day before the data end; a window backwards.
  EXPECT_TRUE(problems(once(object{}, object{{"kind", "date"}, {"date", "2026-11-11"}}))
                  .contains("window"));
  auto no_window = once(object{}, object{{"kind", "date"}, {"date", "2026-11-11"}});
  no_window.erase("window");
  EXPECT_TRUE(problems(no_window).contains("window"));
  EXPECT_TRUE(problems(once(object{{"from", "2026-11-06"}, {"to", "2026-11-09"}},
                            object{{"kind", "working_days_after_cutoff"}, {"working_days", 3}}))
                  .contains("deadline"));
  EXPECT_TRUE(problems(once(object{{"from", "2026-11-06"}, {"to", "2026-11-09"}},
                            object{{"kind", "date"}, {"date", "2026-11-08"}}))
                  .contains("deadline"));
  EXPECT_TRUE(problems(once(object{{"from", "2026-11-09"}, {"to", "2026-11-06"}},
                            object{{"kind", "date"}, {"date", "2026-11-11"}}))
                  .contains("window"));
  EXPECT_TRUE(problems(once(object{{"from", "2026-11-06"}, {"to", "9/11/2026"}},
                            object{{"kind", "date"}, {"date", "2026-11-11"}}))
                  .contains("window"));
  // Dates periods know, a window of at most ten years, a day within a year of its end.
  for (auto [from, to] :
       {std::pair{"0000-01-01", "2026-11-09"}, std::pair{"2026-10-01", "9999-12-31"},
        std::pair{"2010-01-01", "2026-11-09"}})
    EXPECT_TRUE(problems(once(object{{"from", from}, {"to", to}},
                              object{{"kind", "date"}, {"date", "2026-11-15"}}))
                    .contains("window"))
        << from << " " << to;
  EXPECT_TRUE(problems(once(object{{"from", "2026-11-06"}, {"to", "2026-11-09"}},
                            object{{"kind", "date"}, {"date", "2027-12-01"}}))
                  .contains("deadline"));
  // A type that is not one is said so, not blamed on the window and the deadline.
  auto only_type = problems(good({{"period_type", "ONCE"}}));
  EXPECT_TRUE(only_type.contains("period_type"));
  EXPECT_FALSE(only_type.contains("window"));
  EXPECT_FALSE(only_type.contains("deadline"));
  // A periodic regime neither names a day nor a window of its own.
  auto found = problems(good({{"period_type", "month"}}));
  EXPECT_TRUE(found.contains("window"));
  EXPECT_TRUE(found.contains("deadline"));
  for (const auto& [field, message] : found)
    EXPECT_FALSE(std::string(message.as_string()).empty()) << field;
}

}  // namespace
}  // namespace tinhso::reporting
