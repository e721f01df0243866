// The one-stop screens' gates (onestop/access.h), role by role: who may manage the catalog,
// see the queues, receive at the counter, read statistics and registers, and administer the
// outbox — on a small province with a department and the provincial centre.
#include "onestop/access.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "support/test_org.h"

namespace tinhso::onestop {
namespace {

using identity::Principal;
using identity::Role;

class OneStopAccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto imported = org_.import(
        "code,parent_code,name,short_name,level,kind\n"
        "000.00.00.H47,,Ủy ban nhân dân tỉnh An Khang,UBND tỉnh,province,people_committee\n"
        "000.00.03.H47,000.00.00.H47,Sở Tư pháp,STP,province,department\n"
        "000.00.21.H47,000.00.00.H47,Trung tâm Phục vụ hành chính công "
        "tỉnh,TTPVHCC,province,service_centre\n");
    ASSERT_TRUE(imported.ok()) << imported.error().describe();
    province_ = org_.id("000.00.00.H47");
    justice_ = org_.id("000.00.03.H47");
    centre_ = org_.id("000.00.21.H47");
  }

  static Principal official(Role role, int64_t unit, bool subunits) {
    Principal p;
    p.id = 7;
    p.full_name = "Cán bộ";
    p.unit_id = unit;
    p.grants.push_back({7, role, unit, subunits});
    return p;
  }

  testing::TestOrg org_;
  int64_t province_ = 0, justice_ = 0, centre_ = 0;
};

TEST_F(OneStopAccessTest, EachGateRoleByRole) {
  using Gate = std::function<Result<AccessGrant>(const Principal&)>;
  const identity::Authorizer& a = *org_.authz;
  struct Named {
    const char* name;
    Gate gate;
  };
  std::vector<Named> gates = {
      {"catalog", [&](const Principal& p) { return authorize_catalog(p, a); }},
      {"queues", [&](const Principal& p) { return authorize_queues(p, a); }},
      {"counter", [&](const Principal& p) { return authorize_counter(p, a); }},
      {"statistics of the department",
       [&](const Principal& p) { return authorize_statistics(p, a, justice_); }},
      {"register of the centre",
       [&](const Principal& p) { return authorize_register(p, a, centre_); }},
      {"outbox", [&](const Principal& p) { return authorize_outbox(p, a); }},
  };
  struct Row {
    const char* who;
    Principal principal;
    std::vector<bool> allowed;  // in the order of `gates`
  };
  Principal citizen;
  citizen.kind = identity::PrincipalKind::kApplicant;
  citizen.id = 3;
  std::vector<Row> table = {
      {"clerk of the department",
       official(Role::kClerk, justice_, false),
       {false, false, false, true, false, false}},
      {"desk officer of the centre",
       official(Role::kDeskOfficer, centre_, false),
       {false, true, true, false, true, false}},
      {"specialist of the department",
       official(Role::kSpecialist, justice_, false),
       {false, true, false, true, false, false}},
      {"leader of the department",
       official(Role::kLeader, justice_, false),
       {false, true, false, true, false, false}},
      {"unit administrator of the province, with sub-units",
       official(Role::kUnitAdmin, province_, true),
       {true, true, false, true, true, false}},
      {"unit administrator of the department",
       official(Role::kUnitAdmin, justice_, false),
       {false, true, false, true, false, false}},
      {"system administrator",
       official(Role::kSystemAdmin, province_, true),
       {true, true, true, true, true, true}},
      {"citizen", citizen, {false, false, false, false, false, false}},
  };
  for (const auto& row : table) {
    for (std::size_t i = 0; i < gates.size(); ++i) {
      auto r = gates[i].gate(row.principal);
      EXPECT_EQ(r.ok(), row.allowed[i]) << row.who << " / " << gates[i].name;
      if (r.ok()) {
        // The grant relied on is named, for the audit entry.
        ASSERT_TRUE(r->has_value()) << row.who << " / " << gates[i].name;
        EXPECT_EQ((*r)->role, row.principal.grants.front().role);
      } else {
        EXPECT_EQ(r.error().status(), 403) << row.who << " / " << gates[i].name;
      }
    }
  }
}

}  // namespace
}  // namespace tinhso::onestop
