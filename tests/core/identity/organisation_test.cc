// Units, the closure table, imports and scope checks, on both engines.
#include <gtest/gtest.h>

#include "core/identity/authorizer.h"
#include "core/identity/officials.h"
#include "core/identity/scope_sql.h"
#include "core/identity/units.h"
#include "core/storage/query_builder.h"
#include "onestop/permissions.h"
#include "support/test_db.h"

namespace tinhso::identity {
namespace {

class OrganisationTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && testing::pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    tdb_ = std::make_unique<testing::TestDatabase>(GetParam());
    log_ = std::make_unique<audit::ChangeLog>(tdb_->db(), clock_, audit::AuditKey::generate());
    org_ = std::make_unique<OrgCache>(tdb_->db());
    // Province → district 31 → commune 05; province → department 12.
    const char* csv =
        "code,parent_code,name,short_name,level,kind\n"
        "000.00.00.H47,,Ủy ban nhân dân tỉnh An Khang,UBND tỉnh,province,people_committee\n"
        "000.00.12.H47,000.00.00.H47,Sở Tư pháp,STP,province,department\n"
        "000.00.31.H47,000.00.00.H47,Ủy ban nhân dân huyện Tân Phú,UBND Tân "
        "Phú,district,people_committee\n"
        "000.05.31.H47,000.00.31.H47,Ủy ban nhân dân xã Bình An,UBND Bình "
        "An,commune,people_committee\n"
        "000.00.32.H47,000.00.00.H47,Ủy ban nhân dân huyện Đông Hòa,UBND Đông "
        "Hòa,district,people_committee\n";
    auto rows = units_from_csv(csv);
    ASSERT_TRUE(rows.ok()) << rows.error().describe();
    auto report = log_->apply(audit::Actor::system(),
                              [&](audit::ChangeTx& tx) { return import_units(tx, *rows); });
    ASSERT_TRUE(report.ok()) << report.error().describe();
    EXPECT_EQ(report->created, 5);
  }
  int64_t id(const std::string& code) { return org_->get()->find_by_code(code)->id; }
  Result<Unit> create(const std::string& parent_code, const std::string& code,
                      const std::string& level) {
    UnitInput in;
    in.parent_code = parent_code;
    in.code = code;
    in.name = "Đơn vị " + code;
    in.level = level;
    in.kind = "division";
    return log_->apply(audit::Actor::system(),
                       [&](audit::ChangeTx& tx) { return create_unit(tx, in); });
  }

  Clock clock_;
  std::unique_ptr<testing::TestDatabase> tdb_;
  std::unique_ptr<audit::ChangeLog> log_;
  std::unique_ptr<OrgCache> org_;
};

TEST_P(OrganisationTest, TreeAndClosure) {
  auto tree = org_->get();
  EXPECT_EQ(tree->size(), 5u);
  EXPECT_TRUE(tree->within(id("000.05.31.H47"), id("000.00.00.H47")));
  EXPECT_TRUE(tree->within(id("000.05.31.H47"), id("000.00.31.H47")));
  EXPECT_FALSE(tree->within(id("000.05.31.H47"), id("000.00.32.H47")));
  auto below = tdb_->db().read([&](storage::Tx& tx) {
    UnitFilter f;
    f.within = id("000.00.31.H47");
    return list_units(tx, f);
  });
  ASSERT_TRUE(below.ok());
  EXPECT_EQ(below->size(), 2u);
}

TEST_P(OrganisationTest, CodeAndLevelRulesAreEnforced) {
  EXPECT_TRUE(create("000.00.31.H47", "000.51.31.H47", "district").ok());
  auto dup = create("000.00.31.H47", "000.51.31.H47", "district");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code(), "unit.code_exists");
  auto wrong_parent = create("000.00.32.H47", "000.52.31.H47", "district");
  ASSERT_FALSE(wrong_parent.ok());
  EXPECT_EQ(wrong_parent.error().status(), 422);
  auto higher_level = create("000.00.31.H47", "000.53.31.H47", "province");
  ASSERT_FALSE(higher_level.ok());
  EXPECT_TRUE(higher_level.error().details().at("fields").as_object().contains("level"));
}

// Levels and kinds come from unit_levels and unit_kinds: an unknown one is refused, a kind
// tied to a level only fits that level, a kind a province adds is usable at once, and the
// snapshot carries both tables with their labels. The district level ended on 30 June 2025:
// a person cannot create a unit at it after that day; its history stays readable.
TEST_P(OrganisationTest, LevelsAndKindsAreData) {
  auto make = [&](std::string level, std::string kind, std::string code) {
    UnitInput in;
    in.parent_code = "000.00.00.H47";
    in.code = std::move(code);
    in.name = "Đơn vị " + in.code;
    in.level = std::move(level);
    in.kind = std::move(kind);
    return log_->apply(audit::Actor::system(),
                       [&](audit::ChangeTx& tx) { return create_unit(tx, in); });
  };
  auto unknown_level = make("village", "division", "000.00.40.H47");
  ASSERT_FALSE(unknown_level.ok());
  EXPECT_TRUE(unknown_level.error().details().at("fields").as_object().contains("level"));
  auto unknown_kind = make("commune", "castle", "000.00.40.H47");
  ASSERT_FALSE(unknown_kind.ok());
  EXPECT_TRUE(unknown_kind.error().details().at("fields").as_object().contains("kind"));
  auto ward_at_province = make("province", "ward", "000.00.40.H47");
  ASSERT_FALSE(ward_at_province.ok());
  EXPECT_TRUE(ward_at_province.error().details().at("fields").as_object().contains("kind"));
  auto ward = make("commune", "ward", "000.00.40.H47");
  ASSERT_TRUE(ward.ok()) << ward.error().describe();
  EXPECT_EQ(ward->level_label, "Cấp xã");
  EXPECT_EQ(ward->kind_label, "Ủy ban nhân dân phường");

  ASSERT_TRUE(tdb_->db()
                  .write([](storage::Tx& tx) -> Status {
                    TS_TRY(
                        tx.exec("INSERT INTO unit_kinds (key, label_vi, at_level, committee, "
                                "list_order) VALUES ('border_gate', 'Ban quản lý cửa khẩu', "
                                "'province', 0, 50)"));
                    return ok_status();
                  })
                  .ok());
  auto added = make("province", "border_gate", "000.00.41.H47");
  ASSERT_TRUE(added.ok()) << added.error().describe();
  EXPECT_EQ(added->kind_label, "Ban quản lý cửa khẩu");

  org_->invalidate();
  auto tree = org_->get();
  ASSERT_EQ(tree->levels().size(), 3u);
  EXPECT_EQ(tree->levels().front().key, "province");
  EXPECT_EQ(tree->level_label("commune"), "Cấp xã");
  EXPECT_EQ(tree->level_label("unknown"), "unknown") << "old data shows its key";
  ASSERT_NE(tree->level("district"), nullptr);
  EXPECT_EQ(tree->level("district")->ended_on.value_or(""), "2025-06-30");
  EXPECT_TRUE(tree->is_committee(*tree->find(id("000.00.40.H47"))));
  EXPECT_FALSE(tree->is_committee(*tree->find(id("000.00.41.H47"))));
  EXPECT_EQ(tree->find(id("000.00.31.H47"))->level, "district") << "history is not rewritten";

  auto in_force = [&](std::string_view level, Date day) {
    return tdb_->db().read([&](storage::Tx& tx) { return check_level_in_force(tx, level, day); });
  };
  EXPECT_TRUE(in_force("district", *parse_iso_date("2025-06-30")).ok());
  auto ended = in_force("district", *parse_iso_date("2025-07-01"));
  ASSERT_FALSE(ended.ok());
  EXPECT_EQ(ended.error().code(), "unit.level_ended");
  EXPECT_TRUE(in_force("commune", *parse_iso_date("2026-12-05")).ok());
}

TEST_P(OrganisationTest, SearchFoldsAccents) {
  auto found = tdb_->db().read([](storage::Tx& tx) {
    UnitFilter f;
    f.query = "dong hoa";
    return list_units(tx, f);
  });
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().code, "000.00.32.H47");
  auto by_code = tdb_->db().read([](storage::Tx& tx) {
    UnitFilter f;
    f.query = "000.05";
    return list_units(tx, f);
  });
  ASSERT_EQ(by_code->size(), 1u);
}

TEST_P(OrganisationTest, ImportIsAllOrNothingAndUpdatesByCode) {
  auto rows = units_from_csv(
      "code,parent_code,name,level,kind\n"
      "000.00.12.H47,000.00.00.H47,Sở Tư pháp tỉnh An Khang,province,department\n"
      "000.06.31.H47,000.00.31.H47,Ủy ban nhân dân xã Tân An,commune,people_committee\n"
      "000.07.31.H47,000.00.99.H47,Xã mồ côi,commune,people_committee\n");
  ASSERT_TRUE(rows.ok());
  auto report = log_->apply(audit::Actor::system(),
                            [&](audit::ChangeTx& tx) { return import_units(tx, *rows); });
  ASSERT_FALSE(report.ok());
  // The line in the file a person opens (the header is line 1), as parse errors name it.
  EXPECT_NE(report.error().message().find("Dòng 4"), std::string::npos) << report.error().message();
  org_->invalidate();
  EXPECT_EQ(org_->get()->size(), 5u) << "nothing of the failed import remains";
  EXPECT_EQ(org_->get()->find_by_code("000.00.12.H47")->name, "Sở Tư pháp");

  rows->pop_back();
  report = log_->apply(audit::Actor::system(),
                       [&](audit::ChangeTx& tx) { return import_units(tx, *rows); });
  ASSERT_TRUE(report.ok()) << report.error().describe();
  EXPECT_EQ(report->created, 1);
  EXPECT_EQ(report->updated, 1);
  org_->invalidate();
  EXPECT_EQ(org_->get()->find_by_code("000.00.12.H47")->name, "Sở Tư pháp tỉnh An Khang");
}

TEST_P(OrganisationTest, ExportRoundTrips) {
  auto units = tdb_->db().read([](storage::Tx& tx) { return list_units(tx, UnitFilter{}); });
  ASSERT_TRUE(units.ok());
  auto again = units_from_csv(units_to_csv(*units, *units));
  ASSERT_TRUE(again.ok()) << again.error().describe();
  EXPECT_EQ(again->size(), units->size());
  auto report = log_->apply(audit::Actor::system(),
                            [&](audit::ChangeTx& tx) { return import_units(tx, *again); });
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->unchanged, 5);
}

TEST_P(OrganisationTest, GrantsReachSubunitsOnlyWhenTheySaySo) {
  Authorizer authz(*org_);
  Principal p;
  p.grants = {{1, Role::kUnitAdmin, id("000.00.31.H47"), true},
              {2, Role::kSpecialist, id("000.00.12.H47"), false}};
  EXPECT_TRUE(authz.check(p, identity::kManageOfficials, id("000.05.31.H47")).ok());
  EXPECT_FALSE(authz.check(p, identity::kManageOfficials, id("000.00.32.H47")).ok());
  EXPECT_FALSE(authz.check(p, identity::kManageOfficials, id("000.00.12.H47")).ok())
      << "specialists cannot";
  EXPECT_TRUE(authz.check(p, onestop::kHandleDossier, id("000.00.12.H47")).ok());
  p.grants[0].include_subunits = false;
  EXPECT_FALSE(authz.check(p, identity::kManageOfficials, id("000.05.31.H47")).ok());
  Principal admin;
  admin.grants = {{3, Role::kSystemAdmin, id("000.00.12.H47"), false}};
  EXPECT_TRUE(authz.check(admin, identity::kManageOfficials, id("000.00.32.H47")).ok());
  Principal citizen;
  citizen.kind = PrincipalKind::kApplicant;
  EXPECT_FALSE(authz.check(citizen, onestop::kViewDossiers, id("000.00.12.H47")).ok());
}

TEST_P(OrganisationTest, ScopeSqlFiltersOfficials) {
  auto made = log_->apply(audit::Actor::system(), [&](audit::ChangeTx& tx) -> Status {
    for (auto [code, name] : {std::pair{"000.05.31.H47", "a.binhan"},
                              {"000.00.32.H47", "b.donghoa"},
                              {"000.00.31.H47", "c.tanphu"}}) {
      OfficialInput in;
      in.unit_id = id(code);
      in.username = name;
      in.full_name = std::string("Cán bộ ") + name;
      TS_TRY(create_official(tx, in, "$argon2id$unused", false));
    }
    return ok_status();
  });
  ASSERT_TRUE(made.ok()) << made.error().describe();
  OfficialFilter f;
  f.scope.subtrees = {id("000.00.31.H47")};
  auto list = tdb_->db().read([&](storage::Tx& tx) { return list_officials(tx, f); });
  ASSERT_TRUE(list.ok()) << list.error().describe();
  ASSERT_EQ(list->size(), 2u);
  f.scope = UnitScope{};
  f.scope.units = {id("000.00.31.H47")};
  list = tdb_->db().read([&](storage::Tx& tx) { return list_officials(tx, f); });
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().username, "c.tanphu");
  f.scope = UnitScope{};
  list = tdb_->db().read([&](storage::Tx& tx) { return list_officials(tx, f); });
  EXPECT_TRUE(list->empty()) << "no scope, no rows";
}

INSTANTIATE_TEST_SUITE_P(Engines, OrganisationTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::identity
