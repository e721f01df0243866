// Reorganisation plans: reading (merges and splits become ends; a plan survives its own JSON)
// and every kind of bad plan reported at once, before anything is written.
#include "core/identity/reorganisation_plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "core/base/json.h"
#include "support/test_org.h"

namespace tinhso::identity {
namespace {

// Province → department 12; district 31 → communes 01, 02 and a division; district 32 →
// commune 01.
constexpr std::string_view kOrg =
    "code,parent_code,name,short_name,level,kind\n"
    "000.00.00.H47,,Ủy ban nhân dân tỉnh An Khang,UBND tỉnh,province,people_committee\n"
    "000.00.12.H47,000.00.00.H47,Sở Tư pháp,STP,province,department\n"
    "000.00.31.H47,000.00.00.H47,Ủy ban nhân dân huyện Tân Phú,UBND Tân Phú,district,"
    "people_committee\n"
    "000.01.31.H47,000.00.31.H47,Ủy ban nhân dân xã Bình An,UBND Bình An,commune,people_committee\n"
    "000.02.31.H47,000.00.31.H47,Ủy ban nhân dân xã Tân Hòa,UBND Tân Hòa,commune,people_committee\n"
    "000.51.31.H47,000.00.31.H47,Phòng Tư pháp,PTP,district,division\n"
    "000.00.32.H47,000.00.00.H47,Ủy ban nhân dân huyện Đông Hòa,UBND Đông Hòa,district,"
    "people_committee\n"
    "000.01.32.H47,000.00.32.H47,Ủy ban nhân dân xã Hòa An,UBND Hòa An,commune,people_committee\n";

constexpr Date kToday{std::chrono::year(2026), std::chrono::December, std::chrono::day(6)};

class PlanTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(org_.import(kOrg).ok()); }

  // The plan `json` read and checked against the tree today.
  std::vector<PlanProblem> problems(std::string_view json, bool backdate = false,
                                    const std::unordered_map<int64_t, UnitLoad>& load = {}) {
    auto doc = json::parse(json);
    EXPECT_TRUE(doc.ok());
    auto plan = read_plan(*doc);
    EXPECT_TRUE(plan.ok()) << plan.error().describe();
    if (!plan.ok()) return {};
    return check_plan(*plan, *org_.cache->get(), kToday, backdate, load);
  }
  static bool has(const std::vector<PlanProblem>& ps, std::string_view code,
                  std::string_view where = {}) {
    return std::any_of(ps.begin(), ps.end(), [&](const PlanProblem& p) {
      return p.code == code && (where.empty() || p.where == where);
    });
  }
  static std::string listed(const std::vector<PlanProblem>& ps) {
    std::string out;
    for (const auto& p : ps) out += p.where + " " + p.code + ": " + p.message + "\n";
    return out;
  }

  testing::TestOrg org_;
};

// District 31 and its communes become one commune directly under the province.
constexpr std::string_view kGood = R"({
  "title": "Sắp xếp đơn vị hành chính cấp xã", "legal_basis": "Nghị quyết số 1/NQ-UBTVQH15",
  "effective_on": "2026-12-06",
  "new_units": [{"code": "000.00.91.H47", "name": "Ủy ban nhân dân xã Bình Hòa",
                 "level": "commune", "kind": "commune", "parent_code": "000.00.00.H47"}],
  "merges": [{"units": ["000.01.31.H47", "000.02.31.H47", "000.51.31.H47"],
              "into": "000.00.91.H47"}],
  "ends": [{"unit": "000.00.31.H47", "successors": ["000.00.91.H47"]}]})";

TEST_F(PlanTest, AGoodPlanHasNoProblemsAndMergesBecomeEnds) {
  auto ps = problems(kGood);
  EXPECT_TRUE(ps.empty()) << listed(ps);
  auto plan = read_plan(*json::parse(kGood));
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->ends.size(), 4u);
  EXPECT_EQ(plan->ends[0].code, "000.01.31.H47");
  EXPECT_EQ(plan->ends[0].work_to, "000.00.91.H47");
  EXPECT_EQ(plan->ends[3].work_to, "000.00.91.H47");  // the first successor by default
  // What is stored reads back as the same plan.
  auto again = read_plan(boost::json::value(plan->to_json()));
  ASSERT_TRUE(again.ok()) << again.error().describe();
  EXPECT_EQ(boost::json::serialize(again->to_json()), boost::json::serialize(plan->to_json()));
}

TEST_F(PlanTest, MalformedPlansAre422WithEveryField) {
  auto plan = read_plan(*json::parse(
      R"({"effective_on": "06/12/2026", "merges": [{"units": [], "into": ""}], "splits": [{"unit": "000.01.32.H47", "into": ["000.00.91.H47"]}]})"));
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().status(), 422);
  const auto& fields = plan.error().details().at("fields").as_object();
  EXPECT_TRUE(fields.contains("title"));
  EXPECT_TRUE(fields.contains("legal_basis"));
  EXPECT_TRUE(fields.contains("effective_on"));
  EXPECT_TRUE(fields.contains("merges[0].units"));
  EXPECT_TRUE(fields.contains("merges[0].into"));
  EXPECT_TRUE(fields.contains("splits[0].into"));  // a split needs two successors
}

TEST_F(PlanTest, MisspeltKeysAreRefusedNotDropped) {
  auto plan = read_plan(*json::parse(
      R"({"title": "t", "legal_basis": "b", "effective_on": "2026-12-06",
          "merge": [{"units": ["000.01.31.H47"], "into": "000.02.31.H47"}],
          "changes": [{"unit": "000.01.32.H47", "parent": "000.00.00.H47", "name": "x"}]})"));
  ASSERT_FALSE(plan.ok());
  const auto& fields = plan.error().details().at("fields").as_object();
  EXPECT_TRUE(fields.contains("merge"));
  EXPECT_TRUE(fields.contains("changes[0].parent"));
}

TEST_F(PlanTest, DaysOutsideReasonAndEndedLevelsAreRefusedEvenBackdated) {
  std::string ancient(kGood);
  ancient.replace(ancient.find("2026-12-06"), 10, "0000-01-01");
  EXPECT_TRUE(has(problems(ancient, true), "date_out_of_range", "effective_on"));
  std::string far(kGood);
  far.replace(far.find("2026-12-06"), 10, "2099-01-01");
  EXPECT_TRUE(has(problems(far), "date_out_of_range", "effective_on"));
  // Backdated to 2020, a new district would still be a unit in force today, at an ended level.
  auto ps = problems(R"({"title": "t", "legal_basis": "b", "effective_on": "2020-01-01",
    "new_units": [{"code": "000.00.60.H47", "name": "Huyện mới", "level": "district",
                   "kind": "people_committee", "parent_code": "000.00.00.H47"}]})",
                     true);
  EXPECT_TRUE(has(ps, "level_ended", "new_units[0].level")) << listed(ps);
}

TEST_F(PlanTest, APastDayNeedsBackdate) {
  std::string past(kGood);
  past.replace(past.find("2026-12-06"), 10, "2025-07-01");
  EXPECT_TRUE(has(problems(past), "date_past", "effective_on"));
  auto ps = problems(past, true);
  EXPECT_TRUE(ps.empty()) << listed(ps);
}

TEST_F(PlanTest, UnknownEndedOverlappingAndSelfSucceedingUnitsAreAllReported) {
  auto ps = problems(R"({"title": "t", "legal_basis": "b", "effective_on": "2026-12-06",
    "merges": [{"units": ["000.01.32.H47", "000.09.32.H47"], "into": "000.00.12.H47"},
               {"units": ["000.01.32.H47"], "into": "000.00.12.H47"}],
    "ends": [{"unit": "000.00.32.H47", "successors": ["000.00.32.H47"]},
             {"unit": "000.02.31.H47", "successors": ["000.01.31.H47"]},
             {"unit": "000.01.31.H47", "successors": ["000.00.12.H47"]}]})");
  // Each problem is reported where the plan said it.
  EXPECT_TRUE(has(ps, "unknown_unit", "merges[0].unit")) << listed(ps);
  EXPECT_TRUE(has(ps, "ended_twice", "merges[1].unit"));
  EXPECT_TRUE(has(ps, "successor_is_itself", "ends[0].successors"));
  // Commune 02 cannot pass its work to commune 01, which ends in the same plan.
  EXPECT_TRUE(has(ps, "successor_ended", "ends[1].successors"));
  EXPECT_GE(ps.size(), 4u);
}

TEST_F(PlanTest, AUnitAlreadyEndedCannotEndAgain) {
  auto done = org_.log->apply(audit::Actor::system(), [&](audit::ChangeTx& tx) {
    UnitInput in;
    in.active = false;
    return update_unit(tx, org_.id("000.01.32.H47"), in, std::nullopt);
  });
  ASSERT_TRUE(done.ok()) << done.error().describe();
  org_.cache->invalidate();
  auto ps = problems(R"({"title": "t", "legal_basis": "b", "effective_on": "2026-12-06",
    "ends": [{"unit": "000.01.32.H47", "successors": ["000.00.12.H47"]}]})");
  EXPECT_TRUE(has(ps, "already_ended", "ends[0].unit")) << listed(ps);
}

TEST_F(PlanTest, OpenWorkNeedsASuccessorAndOfficialsNeedADecision) {
  std::unordered_map<int64_t, UnitLoad> load{{org_.id("000.01.32.H47"), UnitLoad{3, 2}}};
  auto ps = problems(R"({"title": "t", "legal_basis": "b", "effective_on": "2026-12-06",
    "ends": [{"unit": "000.01.32.H47"}]})",
                     false, load);
  EXPECT_TRUE(has(ps, "successor_missing", "ends[0].successors")) << listed(ps);
  EXPECT_TRUE(has(ps, "staff_decision_needed", "ends[0].staff_to"));
  // Named: no problem left.
  ps = problems(R"({"title": "t", "legal_basis": "b", "effective_on": "2026-12-06",
    "ends": [{"unit": "000.01.32.H47", "successors": ["000.00.32.H47"],
              "staff_to": "000.00.32.H47"}]})",
                false, load);
  EXPECT_TRUE(ps.empty()) << listed(ps);
}

TEST_F(PlanTest, WorkGoesOnlyToASuccessor) {
  auto ps = problems(R"({"title": "t", "legal_basis": "b", "effective_on": "2026-12-06",
    "ends": [{"unit": "000.01.32.H47", "work_to": "000.99.99.H47"},
             {"unit": "000.02.31.H47", "successors": ["000.00.12.H47"], "work_to": "000.00.32.H47"}]})");
  EXPECT_TRUE(has(ps, "work_to_not_successor", "ends[0].work_to")) << listed(ps);
  EXPECT_TRUE(has(ps, "work_to_not_successor", "ends[1].work_to"));
  // A move under a unit that ends is named as such.
  ps = problems(R"({"title": "t", "legal_basis": "b", "effective_on": "2026-12-06",
    "changes": [{"unit": "000.01.32.H47", "parent_code": "000.00.31.H47", "code": "000.03.31.H47"}],
    "ends": [{"unit": "000.00.31.H47", "successors": ["000.00.12.H47"]}]})");
  EXPECT_TRUE(has(ps, "parent_ended", "changes[0].parent_code")) << listed(ps);
}

TEST_F(PlanTest, SubUnitsCannotBeLeftUnderAnEndedUnit) {
  auto ps = problems(R"({"title": "t", "legal_basis": "b", "effective_on": "2026-12-06",
    "ends": [{"unit": "000.00.31.H47", "successors": ["000.00.12.H47"]}]})");
  int left = static_cast<int>(std::count_if(
      ps.begin(), ps.end(), [](const PlanProblem& p) { return p.code == "subunit_left"; }));
  EXPECT_EQ(left, 3) << listed(ps);
}

TEST_F(PlanTest, CyclesRanksAndCodesAfterTheMovesAreChecked) {
  // District 31 under its own commune: a cycle, a rank above its parent, a code that does not fit.
  auto ps = problems(R"({"title": "t", "legal_basis": "b", "effective_on": "2026-12-06",
    "changes": [{"unit": "000.00.31.H47", "parent_code": "000.01.31.H47"}]})");
  EXPECT_TRUE(has(ps, "cycle")) << listed(ps);
  EXPECT_TRUE(has(ps, "rank_above_parent"));
  // A commune moved under the province keeps a code that does not fit there, unless re-coded.
  ps = problems(R"({"title": "t", "legal_basis": "b", "effective_on": "2026-12-06",
    "changes": [{"unit": "000.01.32.H47", "parent_code": "000.00.00.H47"}],
    "ends": [{"unit": "000.00.32.H47", "successors": ["000.01.32.H47"]}]})");
  EXPECT_TRUE(has(ps, "code_does_not_fit", "changes[0].code")) << listed(ps);
  ps = problems(R"({"title": "t", "legal_basis": "b", "effective_on": "2026-12-06",
    "changes": [{"unit": "000.01.32.H47", "parent_code": "000.00.00.H47", "code": "000.00.95.H47",
                 "name": "Ủy ban nhân dân xã Hòa An"}],
    "ends": [{"unit": "000.00.32.H47", "successors": ["000.01.32.H47"]}]})");
  EXPECT_TRUE(ps.empty()) << listed(ps);
  // A new code already in use, twice.
  ps = problems(R"({"title": "t", "legal_basis": "b", "effective_on": "2026-12-06",
    "new_units": [{"code": "000.00.12.H47", "name": "x", "level": "commune", "kind": "commune",
                   "parent_code": "000.00.00.H47"}],
    "changes": [{"unit": "000.01.32.H47", "code": "000.00.12.H47"}]})");
  EXPECT_TRUE(has(ps, "code_in_use", "new_units[0].code")) << listed(ps);
  EXPECT_TRUE(has(ps, "code_in_use", "changes[0].code"));
}

// QCVN 102:2016: a unit's code extends its parent's. Re-coding district 31 leaves its communes
// and division with codes that no longer fit — unless the plan re-codes them too, which
// with_sub_unit_codes does, keeping each one's own level.
TEST_F(PlanTest, SubUnitsOfARecodedUnitAreRecodedWithIt) {
  constexpr std::string_view kRecode = R"({
    "title": "Đổi mã huyện", "legal_basis": "Quyết định số 1/QĐ-UBND",
    "effective_on": "2026-12-06",
    "changes": [{"unit": "000.00.31.H47", "code": "000.00.41.H47"},
                {"unit": "000.02.31.H47", "name": "Ủy ban nhân dân xã Tân Hòa Mới"}]})";
  auto ps = problems(kRecode);
  EXPECT_TRUE(has(ps, "code_does_not_fit", "changes[0].code")) << listed(ps);
  auto plan = read_plan(*json::parse(kRecode));
  ASSERT_TRUE(plan.ok());
  auto org = org_.cache->get();
  auto full = with_sub_unit_codes(*plan, *org);
  std::map<std::string, std::string> codes;
  for (const auto& c : full.changes) codes[c.code] = c.new_code.value_or("");
  EXPECT_EQ(codes["000.01.31.H47"], "000.01.41.H47");
  EXPECT_EQ(codes["000.02.31.H47"], "000.02.41.H47");  // renamed by the plan, re-coded here
  EXPECT_EQ(codes["000.51.31.H47"], "000.51.41.H47");
  EXPECT_FALSE(codes.contains("000.01.32.H47"));  // another district's commune is untouched
  EXPECT_EQ(full.changes.size(), 4u);
  auto checked = check_plan(full, *org, kToday, false, {});
  EXPECT_TRUE(checked.empty()) << listed(checked);
  // Expanding again adds nothing; the stored plan reads back the same.
  EXPECT_EQ(with_sub_unit_codes(full, *org).changes.size(), full.changes.size());
  auto again = read_plan(full.to_json());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->changes.size(), full.changes.size());
}

TEST_F(PlanTest, NewUnitsAreAtALevelInForceWithAKindOfThatLevel) {
  auto ps = problems(R"({"title": "t", "legal_basis": "b", "effective_on": "2026-12-06",
    "new_units": [{"code": "000.00.91.H47", "name": "Huyện mới", "level": "district",
                   "kind": "people_committee", "parent_code": "000.00.00.H47"},
                  {"code": "000.00.92.H47", "name": "x", "level": "commune", "kind": "province",
                   "parent_code": "000.00.00.H47"},
                  {"code": "000.00.93.H47", "name": "y", "level": "commune", "kind": "commune",
                   "parent_code": "000.00.99.H47"}]})");
  EXPECT_TRUE(has(ps, "level_ended", "new_units[0].level")) << listed(ps);
  EXPECT_TRUE(has(ps, "kind_level", "new_units[1].kind"));
  EXPECT_TRUE(has(ps, "unknown_unit", "new_units[2].parent_code"));
}

}  // namespace
}  // namespace tinhso::identity
