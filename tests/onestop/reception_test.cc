// Where a dossier may be received (Nghị định 118/2025/NĐ-CP, Art. 14): which units are reception
// points, which desk a submission gets, and whose code the dossier bears, on a small province
// with a district of the old three levels and a second province beside it.
#include "onestop/reception.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "core/identity/units.h"
#include "support/test_org.h"

namespace tinhso::onestop {
namespace {

using identity::Principal;
using identity::Role;

class ReceptionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* csv =
        "code,parent_code,name,short_name,level,kind\n"
        "000.00.00.H47,,Ủy ban nhân dân tỉnh An Khang,UBND tỉnh,province,people_committee\n"
        "000.00.03.H47,000.00.00.H47,Sở Tư pháp,STP,province,department\n"
        "000.00.21.H47,000.00.00.H47,Trung tâm Phục vụ hành chính công "
        "tỉnh,TTPVHCC,province,service_centre\n"
        "000.00.33.H47,000.00.00.H47,Ủy ban nhân dân huyện Tân Phú,UBND "
        "huyện,district,people_committee\n"
        "000.56.33.H47,000.00.33.H47,Bộ phận Tiếp nhận và Trả kết quả,BPMC "
        "huyện,district,service_centre\n"
        "000.01.33.H47,000.00.33.H47,Ủy ban nhân dân xã Tam An,UBND xã Tam "
        "An,commune,people_committee\n"
        "000.00.41.H47,000.00.00.H47,Ủy ban nhân dân phường Hòa Bình,UBND "
        "phường,commune,people_committee\n"
        "000.01.41.H47,000.00.41.H47,Trung tâm Phục vụ hành chính công phường Hòa Bình,TTPVHCC "
        "phường,commune,service_centre\n"
        "000.00.00.H48,,Ủy ban nhân dân tỉnh Bình Sơn,UBND tỉnh Bình "
        "Sơn,province,people_committee\n"
        "000.00.31.H48,000.00.00.H48,Ủy ban nhân dân xã Bình Minh,UBND xã Bình "
        "Minh,commune,people_committee\n";
    auto imported = t_.import(csv);
    ASSERT_TRUE(imported.ok()) << imported.error().describe();
    org_ = t_.cache->get();
  }

  // Units by a short name: P the province, P.STP its justice department, P.HCC its centre, D a
  // district with its desk D.MC, C1 a commune of the district without a centre, C2 a ward with
  // its centre C2.HCC, Q another province with its commune Q.C.
  int64_t id(const std::string& name) const {
    static const std::map<std::string, std::string> kCodes = {
        {"P", "000.00.00.H47"},  {"P.STP", "000.00.03.H47"},  {"P.HCC", "000.00.21.H47"},
        {"D", "000.00.33.H47"},  {"D.MC", "000.56.33.H47"},   {"C1", "000.01.33.H47"},
        {"C2", "000.00.41.H47"}, {"C2.HCC", "000.01.41.H47"}, {"Q", "000.00.00.H48"},
        {"Q.C", "000.00.31.H48"}};
    return org_->find_by_code(kCodes.at(name))->id;
  }

  static Principal desk_officer(std::initializer_list<int64_t> units) {
    Principal p;
    p.id = 9;
    p.full_name = "Cán bộ một cửa";
    p.unit_id = *units.begin();
    for (int64_t u : units) p.grants.push_back({9, Role::kDeskOfficer, u, false});
    return p;
  }

  Result<int64_t> choose(std::optional<int64_t> asked, bool anywhere = true,
                         const Principal* counter = nullptr) const {
    return choose_desk(
        {.asked = asked, .agency = id("P.STP"), .anywhere = anywhere, .counter = counter}, *org_,
        *t_.authz, today_);
  }

  testing::TestOrg t_;
  Date today_ = local_date(*parse_rfc3339("2026-12-05T10:00:00+07:00"));
  std::shared_ptr<const identity::OrgTree> org_;
};

TEST_F(ReceptionTest, CentresAndCommunesWithoutOneReceiveDistrictDesksNoLonger) {
  EXPECT_TRUE(is_reception_point(*org_, id("P.HCC"), today_));
  EXPECT_TRUE(is_reception_point(*org_, id("C1"), today_));      // a commune without a centre
  EXPECT_TRUE(is_reception_point(*org_, id("C2.HCC"), today_));  // a commune's centre…
  EXPECT_FALSE(is_reception_point(*org_, id("C2"), today_));     // …not its committee
  EXPECT_FALSE(is_reception_point(*org_, id("P.STP"), today_));  // a department
  EXPECT_FALSE(is_reception_point(*org_, id("P"), today_));      // the province's committee
  EXPECT_FALSE(is_reception_point(*org_, id("D.MC"), today_));   // the district level ended
  // Before the district level ended (30 June 2025), its desk received.
  Date before = local_date(*parse_rfc3339("2025-06-30T10:00:00+07:00"));
  EXPECT_TRUE(is_reception_point(*org_, id("D.MC"), before));

  std::vector<int64_t> expected{id("P.HCC"), id("C1"), id("C2.HCC")};
  auto points = reception_points(*org_, id("P.STP"), today_);
  std::sort(points.begin(), points.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(points, expected);  // the other province's commune is not among them
}

TEST_F(ReceptionTest, ASubmissionIsReceivedWhereItAsksWithinTheProvince) {
  EXPECT_EQ(*choose(std::nullopt), id("P.HCC"));  // the department's own desk
  EXPECT_EQ(*choose(id("C1")), id("C1"));
  EXPECT_EQ(*choose(id("C2.HCC")), id("C2.HCC"));
  for (const char* wrong : {"P.STP", "D.MC", "C2", "Q.C"}) {
    auto r = choose(id(wrong));
    ASSERT_FALSE(r.ok()) << wrong;
    EXPECT_EQ(r.error().status(), 422);
    EXPECT_TRUE(r.error().details().at("fields").as_object().contains("desk_unit_id"))
        << r.error().describe();
  }
  // A province that keeps each agency's dossiers at its own desk.
  EXPECT_EQ(*choose(id("P.HCC"), false), id("P.HCC"));
  EXPECT_FALSE(choose(id("C1"), false).ok());
}

// What the portal offers is what a submission may ask for: the agency's own desk first.
TEST_F(ReceptionTest, PointsForAnAgencyAreExactlyWhatASubmissionMayAsk) {
  auto department = points_for(*org_, std::vector<int64_t>{id("P.STP")}, true, today_);
  ASSERT_FALSE(department.empty());
  EXPECT_EQ(department.front(), id("P.HCC"));
  EXPECT_EQ(department.size(), 3u);  // P.HCC, C1, C2.HCC
  EXPECT_EQ(points_for(*org_, std::vector<int64_t>{id("P.STP")}, false, today_),
            std::vector<int64_t>{id("P.HCC")});

  // The old district's own desk still receives for the district (history), but for no one else.
  auto district = points_for(*org_, std::vector<int64_t>{id("D")}, true, today_);
  ASSERT_FALSE(district.empty());
  EXPECT_EQ(district.front(), id("D.MC"));
  EXPECT_EQ(district.size(), 4u);
  EXPECT_EQ(std::count(department.begin(), department.end(), id("D.MC")), 0);
  for (int64_t asked : department) {
    auto r = choose_desk({.asked = asked, .agency = id("P.STP")}, *org_, *t_.authz, today_);
    EXPECT_TRUE(r.ok()) << asked;
  }
  for (int64_t asked : district) {
    auto r = choose_desk({.asked = asked, .agency = id("D")}, *org_, *t_.authz, today_);
    EXPECT_TRUE(r.ok()) << asked;
  }
  EXPECT_FALSE(
      choose_desk({.asked = id("D.MC"), .agency = id("P.STP")}, *org_, *t_.authz, today_).ok());
  // Both agencies at once: no own desk in common, so the province's points only.
  EXPECT_EQ(points_for(*org_, std::vector<int64_t>{id("P.STP"), id("D")}, true, today_),
            (std::vector<int64_t>{id("P.HCC"), id("C1"), id("C2.HCC")}));
}

// A unit out of service, or under one, receives nothing.
TEST_F(ReceptionTest, AnInactiveUnitOrOneUnderAnInactiveUnitIsNoReceptionPoint) {
  for (const char* name : {"C1", "C2"}) {
    identity::UnitInput in;
    in.active = false;
    int64_t unit = id(name);
    auto updated = t_.log->apply(audit::Actor::system(), [&](audit::ChangeTx& tx) {
      return identity::update_unit(tx, unit, in, std::nullopt);
    });
    ASSERT_TRUE(updated.ok()) << updated.error().describe();
  }
  t_.cache->invalidate();  // the server rechecks on a period; the test does not wait for it
  org_ = t_.cache->get();
  EXPECT_FALSE(is_reception_point(*org_, id("C1"), today_));
  EXPECT_FALSE(is_reception_point(*org_, id("C2.HCC"), today_));  // active, under an inactive ward
  EXPECT_EQ(reception_points(*org_, id("P.STP"), today_), std::vector<int64_t>{id("P.HCC")});
  EXPECT_FALSE(choose(id("C2.HCC")).ok());
}

TEST_F(ReceptionTest, AtTheCounterAnOfficerReceivesAtTheirOwnPoint) {
  auto provincial = desk_officer({id("P.HCC")});
  auto commune = desk_officer({id("C1")});
  auto two = desk_officer({id("C1"), id("C2.HCC")});
  EXPECT_EQ(*choose(std::nullopt, true, &provincial), id("P.HCC"));
  EXPECT_EQ(*choose(std::nullopt, true, &commune), id("C1"));
  EXPECT_EQ(*choose(std::nullopt, false, &commune), id("P.HCC"));  // then refused: not theirs
  auto ambiguous = choose(std::nullopt, true, &two);
  ASSERT_FALSE(ambiguous.ok());
  EXPECT_EQ(ambiguous.error().status(), 422);
  EXPECT_EQ(*choose(id("C2.HCC"), true, &two), id("C2.HCC"));
}

TEST_F(ReceptionTest, TheCodeIsTheReceivingAgencys) {
  EXPECT_EQ(receiving_agency(*org_, id("P.HCC"), id("P.STP")), id("P.STP"));
  EXPECT_EQ(receiving_agency(*org_, id("C1"), id("P.STP")), id("C1"));
  EXPECT_EQ(receiving_agency(*org_, id("C2.HCC"), id("P.STP")), id("C2"));
  EXPECT_EQ(receiving_agency(*org_, id("C2.HCC"), id("C2")), id("C2"));  // its own desk
}

}  // namespace
}  // namespace tinhso::onestop
