// Who may see and act on documents, decided for a Principal with no HTTP request: the grant
// relied on (for the audit entry), none for a person named, or a refusal.
#include "documents/access.h"

#include <gtest/gtest.h>

#include "core/audit/change_log.h"
#include "core/identity/units.h"
#include "support/test_db.h"

namespace tinhso::documents {
namespace {

using identity::Grant;
using identity::Principal;
using identity::Role;

class DocumentAccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tdb_ = std::make_unique<testing::TestDatabase>("sqlite");
    audit::ChangeLog log(tdb_->db(), clock_, audit::AuditKey::generate());
    auto rows = identity::units_from_csv(
        "code,parent_code,name,short_name,level,kind\n"
        "000.00.00.H47,,Ủy ban nhân dân tỉnh An Khang,UBND tỉnh,province,people_committee\n"
        "000.00.12.H47,000.00.00.H47,Sở Tư pháp,STP,province,department\n"
        "000.00.13.H47,000.00.00.H47,Sở Xây dựng,SXD,province,department\n");
    ASSERT_TRUE(rows.ok()) << rows.error().describe();
    ASSERT_TRUE(log.apply(audit::Actor::system(),
                          [&](audit::ChangeTx& tx) { return identity::import_units(tx, *rows); })
                    .ok());
    org_ = std::make_unique<identity::OrgCache>(tdb_->db());
    authz_ = std::make_unique<identity::Authorizer>(*org_);
    justice_ = org_->get()->find_by_code("000.00.12.H47")->id;
    construction_ = org_->get()->find_by_code("000.00.13.H47")->id;
  }
  static Principal official(int64_t id, Role role, int64_t unit) {
    Principal p;
    p.id = id;
    p.grants = {Grant{id * 10, role, unit, false}};
    return p;
  }

  Clock clock_;
  std::unique_ptr<testing::TestDatabase> tdb_;
  std::unique_ptr<identity::OrgCache> org_;
  std::unique_ptr<identity::Authorizer> authz_;
  int64_t justice_ = 0, construction_ = 0;
};

TEST_F(DocumentAccessTest, RegistersAreTheirUnitsClerksLeadersAndHandlers) {
  for (Role role : {Role::kClerk, Role::kLeader, Role::kSpecialist}) {
    auto g = authorize_register_view(official(7, role, justice_), *authz_, justice_);
    ASSERT_TRUE(g.ok()) << identity::role_name(role);
    ASSERT_TRUE(g->has_value());
    EXPECT_EQ((*g)->role, role);  // the audit entry names the grant used
    EXPECT_EQ((*g)->unit_id, justice_);
  }
  auto other = authorize_register_view(official(7, Role::kClerk, construction_), *authz_, justice_);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().status(), 403);
  EXPECT_FALSE(
      authorize_register_view(official(7, Role::kDeskOfficer, justice_), *authz_, justice_).ok());
}

TEST_F(DocumentAccessTest, AnAssignmentIsItsPersonsOrItsUnitsHandlers) {
  AssignmentState named{.id = 1,
                        .document_id = 2,
                        .role = AssignmentRole::kLead,
                        .unit_id = justice_,
                        .official_id = 7};
  // The person named acts, with a grant in the unit or without one.
  auto with_grant = authorize_assignment(official(7, Role::kSpecialist, justice_), *authz_, named);
  ASSERT_TRUE(with_grant.ok());
  EXPECT_TRUE(with_grant->has_value());
  auto without = authorize_assignment(official(7, Role::kClerk, construction_), *authz_, named);
  ASSERT_TRUE(without.ok());
  EXPECT_FALSE(without->has_value());
  // Someone else, even a handler of that unit, does not.
  auto colleague = authorize_assignment(official(8, Role::kSpecialist, justice_), *authz_, named);
  ASSERT_FALSE(colleague.ok());
  EXPECT_EQ(colleague.error().message(), "Việc này được giao cho người khác.");

  AssignmentState unit_wide = named;
  unit_wide.official_id.reset();
  EXPECT_TRUE(
      authorize_assignment(official(8, Role::kSpecialist, justice_), *authz_, unit_wide).ok());
  EXPECT_FALSE(
      authorize_assignment(official(8, Role::kSpecialist, construction_), *authz_, unit_wide).ok());
}

TEST_F(DocumentAccessTest, AnOutgoingDocumentIsItsDraftersReviewersAndIssuers) {
  OutgoingState s{.id = 1,
                  .unit_id = justice_,
                  .drafting_unit_id = construction_,
                  .status = OutgoingStatus::kInReview,
                  .version = 1,
                  .drafted_by = 5,
                  .reviewer_id = 9};
  EXPECT_TRUE(authorize_outgoing_view(official(3, Role::kSpecialist, construction_), *authz_, s)
                  .ok());  // the drafting unit's handler
  auto reviewer = authorize_outgoing_view(official(9, Role::kClerk, construction_), *authz_, s);
  ASSERT_TRUE(reviewer.ok());
  EXPECT_FALSE(reviewer->has_value());  // awaited by name
  EXPECT_TRUE(authorize_outgoing_view(official(4, Role::kLeader, justice_), *authz_, s).ok());
  EXPECT_TRUE(authorize_outgoing_view(official(4, Role::kClerk, justice_), *authz_, s).ok());
  auto outsider = authorize_outgoing_view(official(4, Role::kSpecialist, justice_), *authz_, s);
  ASSERT_FALSE(outsider.ok());
  EXPECT_EQ(outsider.error().message(), "Ông/Bà không được xem văn bản này.");
}

}  // namespace
}  // namespace tinhso::documents
