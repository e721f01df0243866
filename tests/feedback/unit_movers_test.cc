// The feedback module's movers in a reorganisation: the categories that name an ended unit as
// the one that usually handles them, and the answering times set for it, pass to its successor;
// where the successor has its own time for a category, that one stays.
#include "feedback/unit_movers.h"

#include <gtest/gtest.h>

#include "documents/demo_province.h"

namespace tinhso::feedback {
namespace {

class FeedbackUnitMoversTest : public documents::DemoProvinceTest {};

TEST_P(FeedbackUnitMoversTest, CategorySettingsFollowTheSuccessor) {
  int64_t ended = unit("000.00.03.H47"), successor = unit("000.00.04.H47");
  const identity::UnitMover* mover = nullptr;
  for (const auto& m : unit_movers())
    if (m.key == "feedback_category_settings") mover = &m;
  ASSERT_NE(mover, nullptr);
  int64_t thu_tuc = scalar("SELECT id FROM feedback_categories WHERE code = 'thu_tuc'", {});
  int64_t can_bo = scalar("SELECT id FROM feedback_categories WHERE code = 'can_bo'", {});
  ASSERT_TRUE(app_->db()
                  .write([&](storage::Tx& tx) -> Status {
                    TS_TRY(tx.exec("DELETE FROM feedback_category_deadlines"));
                    TS_TRY(tx.exec("UPDATE feedback_categories SET unit_id = $1 WHERE id = $2",
                                   {ended, thu_tuc}));
                    for (auto [category, unit, days] :
                         {std::tuple{thu_tuc, ended, 3}, std::tuple{thu_tuc, successor, 7},
                          std::tuple{can_bo, ended, 4}})
                      TS_TRY(
                          tx.exec("INSERT INTO feedback_category_deadlines (category_id, "
                                  "unit_id, answer_days) VALUES ($1, $2, $3)",
                                  {category, unit, int64_t{days}}));
                    return ok_status();
                  })
                  .ok());
  auto count = [&](int64_t u) {
    auto n = app_->db().read([&](storage::Tx& tx) { return mover->count(tx, u); });
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  };
  EXPECT_EQ(count(ended), 3);
  auto moved = app_->services().changes.apply(
      audit::Actor::system("Sắp xếp đơn vị (kiểm thử)"), [&](audit::ChangeTx& tx) -> Status {
        TS_ASSIGN_OR_RETURN(auto ids, mover->move(tx, ended, successor, 100));
        EXPECT_EQ(ids.size(), 3u);
        return tx.record("reorganisation.move", "unit", ended,
                         boost::json::object{{"moved", static_cast<int64_t>(ids.size())}});
      });
  ASSERT_TRUE(moved.ok()) << moved.error().describe();
  EXPECT_EQ(count(ended), 0);
  EXPECT_EQ(scalar("SELECT unit_id FROM feedback_categories WHERE id = $1", {thu_tuc}), successor);
  EXPECT_EQ(scalar("SELECT answer_days FROM feedback_category_deadlines WHERE category_id = $1 "
                   "AND unit_id = $2",
                   {thu_tuc, successor}),
            7);  // the successor's own time stays
  EXPECT_EQ(scalar("SELECT answer_days FROM feedback_category_deadlines WHERE category_id = $1 "
                   "AND unit_id = $2",
                   {can_bo, successor}),
            4);
  EXPECT_EQ(scalar("SELECT count(*) FROM feedback_category_deadlines", {}), 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, FeedbackUnitMoversTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::feedback
