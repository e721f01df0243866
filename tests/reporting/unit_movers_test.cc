// The reporting module's movers in a reorganisation: a unit that ends hands the regimes it
// receives and its levels in approval chains to its successor, and each regime so changed gets a
// new version (a form open on it is told to reload).
#include "reporting/unit_movers.h"

#include <gtest/gtest.h>

#include "documents/demo_province.h"

namespace tinhso::reporting {
namespace {

class ReportingUnitMoversTest : public documents::DemoProvinceTest {
 protected:
  static const identity::UnitMover* approvers_mover() {
    for (const auto& m : unit_movers())
      if (m.key == "reporting_regimes_approved") return &m;
    return nullptr;
  }
  // Moves `from`'s levels to `to` as a reorganisation does; returns the regimes changed.
  std::vector<int64_t> move(int64_t from, int64_t to) {
    std::vector<int64_t> moved;
    auto done = app_->services().changes.apply(
        audit::Actor::system("Sắp xếp đơn vị (kiểm thử)"), [&](audit::ChangeTx& tx) -> Status {
          TS_ASSIGN_OR_RETURN(moved, approvers_mover()->move(tx, from, to, 100));
          return tx.record("reorganisation.move", "unit", from,
                           boost::json::object{{"moved", static_cast<int64_t>(moved.size())}});
        });
    EXPECT_TRUE(done.ok()) << done.error().describe();
    return moved;
  }
};

TEST_P(ReportingUnitMoversTest, ApprovalLevelsFollowTheSuccessor) {
  int64_t ended = unit("000.00.03.H47"), successor = unit("000.00.04.H47");
  const identity::UnitMover* mover = approvers_mover();
  ASSERT_NE(mover, nullptr);
  int64_t regime = scalar("SELECT id FROM reporting_regimes WHERE code = 'KSTT-QUY'", {});
  ASSERT_GT(regime, 0);
  int64_t version = scalar("SELECT version FROM reporting_regimes WHERE id = $1", {regime});
  ASSERT_TRUE(app_->db()
                  .write([&](storage::Tx& tx) -> Status {
                    TS_TRY(tx.exec(
                        "INSERT INTO reporting_regime_approvers (regime_id, level, unit_id) "
                        "VALUES ($1, 2, $2)",
                        {regime, ended}));
                    return ok_status();
                  })
                  .ok());
  auto count = [&](int64_t u) {
    auto n = app_->db().read([&](storage::Tx& tx) { return mover->count(tx, u); });
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  };
  EXPECT_EQ(count(ended), 1);
  EXPECT_EQ(move(ended, successor), std::vector<int64_t>{regime});
  EXPECT_EQ(count(ended), 0);
  EXPECT_EQ(count(successor), 1);
  EXPECT_EQ(scalar("SELECT unit_id FROM reporting_regime_approvers WHERE regime_id = $1 AND "
                   "level = 2",
                   {regime}),
            successor);
  EXPECT_EQ(scalar("SELECT version FROM reporting_regimes WHERE id = $1", {regime}), version + 1);
}

TEST_P(ReportingUnitMoversTest, AUnitEndingIntoAnotherOfTheSameChainLeavesItOnce) {
  int64_t ended = unit("000.00.03.H47"), successor = unit("000.00.04.H47");
  ASSERT_NE(approvers_mover(), nullptr);
  int64_t regime = scalar("SELECT id FROM reporting_regimes WHERE code = 'KSTT-QUY'", {});
  ASSERT_TRUE(app_->db()
                  .write([&](storage::Tx& tx) -> Status {
                    TS_TRY(tx.exec("DELETE FROM reporting_regime_approvers WHERE regime_id = $1",
                                   {regime}));
                    for (auto [level, u] : {std::pair{int64_t{2}, ended}, {int64_t{3}, successor}})
                      TS_TRY(tx.exec(
                          "INSERT INTO reporting_regime_approvers (regime_id, level, unit_id) "
                          "VALUES ($1, $2, $3)",
                          {regime, level, u}));
                    return ok_status();
                  })
                  .ok());
  EXPECT_EQ(move(ended, successor), std::vector<int64_t>{regime});
  // The successor approves once, at the first of its levels; the chain has no gap.
  EXPECT_EQ(
      scalar("SELECT count(*) FROM reporting_regime_approvers WHERE regime_id = $1", {regime}), 1);
  EXPECT_EQ(scalar("SELECT unit_id FROM reporting_regime_approvers WHERE regime_id = $1 AND "
                   "level = 2",
                   {regime}),
            successor);
}

INSTANTIATE_TEST_SUITE_P(Engines, ReportingUnitMoversTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::reporting
