// The feedback figures' counters against a count of the items themselves: after hundreds of
// random writes through the repository — drafts completed, items routed, transferred between
// units, recategorised, answered on time or late, rated, reopened, merged — the figures read from
// the counters equal those counted from every item, on both engines.
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>

#include "feedback/items.h"
#include "support/test_db.h"

namespace tinhso::feedback {
namespace {

class FeedbackStatsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && testing::pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    tdb_ = std::make_unique<testing::TestDatabase>(GetParam());
    auto made = db().write([&](storage::Tx& tx) -> Status {
      for (int i = 1; i <= 3; ++i) {
        TS_ASSIGN_OR_RETURN(
            auto rows,
            tx.query(
                "INSERT INTO units (code, name, short_name, level, kind, name_folded, "
                "created_at, updated_at) VALUES ($1, $2, $2, 'province', 'department', $2, 0, 0) "
                "RETURNING id",
                // One name for all: names repeat after reorganisations (a commune and its
                // successor), and the figures must still keep each unit apart.
                {"U" + std::to_string(i), std::string("Đơn vị")}));
        units_.push_back(rows.front().i64(0));
      }
      return ok_status();
    });
    ASSERT_TRUE(made.ok()) << made.error().describe();
  }
  storage::Database& db() { return tdb_->db(); }

  // The figures as a map, from the counters (stats) or from every item (the definition).
  using Figures = std::map<std::tuple<int64_t, int64_t, std::string>, std::vector<int64_t>>;
  Figures from_counters(Instant from, Instant until, Instant now) {
    auto rows = db().read([&](storage::Tx& tx) { return stats(tx, from, until, now); });
    EXPECT_TRUE(rows.ok()) << rows.error().describe();
    Figures out;
    for (const auto& f : *rows)
      out[{f.unit_id, f.category_id, f.channel}] = {f.received, f.answered, f.answered_on_time,
                                                    f.open,     f.overdue,  f.rated};
    return out;
  }
  Figures counted(Instant from, Instant until, Instant now) {
    auto rows = db().read([&](storage::Tx& tx) {
      return tx.query(
          "SELECT COALESCE(answer_unit_id, unit_id), category_id, channel, count(*), "
          "sum(CASE WHEN answered_at IS NOT NULL THEN 1 ELSE 0 END), "
          "sum(CASE WHEN answered_at IS NOT NULL AND timeliness IN ('early', 'on_time') THEN 1 "
          "ELSE 0 END), "
          "sum(CASE WHEN status IN ('received', 'in_progress', 'answer_drafted') THEN 1 ELSE 0 "
          "END), sum(CASE WHEN status IN ('received', 'in_progress', 'answer_drafted') AND "
          "COALESCE(due_at, forward_due_at) < $3 THEN 1 ELSE 0 END), count(rating) "
          "FROM feedback_items WHERE received_at >= $1 AND received_at < $2 AND status <> "
          "'draft' GROUP BY COALESCE(answer_unit_id, unit_id), category_id, channel",
          {to_millis(from), to_millis(until), to_millis(now)});
    });
    EXPECT_TRUE(rows.ok()) << rows.error().describe();
    Figures out;
    for (auto r : *rows)
      out[{r.i64(0), r.i64(1), r.str(2)}] = {r.i64(3), r.i64(4), r.i64(5),
                                             r.i64(6), r.i64(7), r.i64(8)};
    return out;
  }

  std::unique_ptr<testing::TestDatabase> tdb_;
  std::vector<int64_t> units_;
};

TEST_P(FeedbackStatsTest, CountersEqualACountOfEveryItemAfterRandomWrites) {
  std::mt19937 rng(20261206);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  Instant start = *parse_rfc3339("2026-03-01T08:00:00+07:00");
  std::vector<Item> items;
  // Items over two months, some near midnight (the day is local time).
  for (int i = 0; i < 120; ++i) {
    Item it;
    it.code = "PAKN-T-" + std::to_string(i);
    it.status = pick(4) == 0 ? FeedbackStatus::kDraft : FeedbackStatus::kReceived;
    it.category_id = 1 + pick(7);
    it.channel = std::array{"portal", "hotline", "app"}[static_cast<std::size_t>(i % 3)];
    it.title = it.content = "Nội dung " + std::to_string(i);
    it.token_hash = "x";
    it.reception_unit_id = units_[0];
    it.unit_id = units_[0];
    it.received_at = start + std::chrono::hours(pick(60 * 24)) + std::chrono::minutes(pick(60));
    it.forward_due_at = it.received_at + std::chrono::hours(24 * 5);
    auto id = db().write([&](storage::Tx& tx) { return insert_item(tx, it, 0); });
    ASSERT_TRUE(id.ok()) << id.error().describe();
    it.id = *id;
    items.push_back(it);
  }
  for (int step = 0; step < 600; ++step) {
    Item& it = items[static_cast<std::size_t>(pick(static_cast<int>(items.size())))];
    Item next = it;
    Instant now = it.received_at + std::chrono::hours(1 + pick(24 * 20));
    switch (pick(7)) {
      case 0:  // a draft completed: received now
        if (next.status != FeedbackStatus::kDraft) continue;
        next.status = FeedbackStatus::kReceived;
        next.received_at = now;
        break;
      case 1:  // routed, or transferred, to a unit; maybe recategorised
        if (!is_open(next.status)) continue;
        next.status = FeedbackStatus::kInProgress;
        next.unit_id = units_[static_cast<std::size_t>(pick(3))];
        if (pick(2) == 0) next.category_id = 1 + pick(7);
        next.due_at = next.received_at + std::chrono::hours(24 * (1 + pick(20)));
        break;
      case 2:  // answered, on time or late
        if (next.status != FeedbackStatus::kInProgress) continue;
        next.status = FeedbackStatus::kAnswered;
        next.answered_at = now;
        next.answer_unit_id = next.unit_id;
        next.timeliness = pick(2) == 0 ? "on_time" : "late";
        break;
      case 3:  // rated
        if (next.status != FeedbackStatus::kAnswered) continue;
        next.status = FeedbackStatus::kClosed;
        next.rating = 1 + pick(5);
        break;
      case 4:  // reopened: back to the unit (its successor may be another), not answered
        if (next.status != FeedbackStatus::kAnswered) continue;
        next.status = FeedbackStatus::kInProgress;
        next.unit_id = units_[static_cast<std::size_t>(pick(3))];
        next.answered_at.reset();
        next.answer_unit_id.reset();
        next.timeliness.reset();
        next.reopened = true;
        break;
      case 5:  // merged into another item
        if (!is_open(next.status)) continue;
        next.status = FeedbackStatus::kMerged;
        break;
      default:  // turned away
        if (next.status != FeedbackStatus::kReceived) continue;
        next.status = FeedbackStatus::kRejected;
        next.closed_at = now;
        break;
    }
    ++next.version;
    auto updated = db().write([&](storage::Tx& tx) { return update_item(tx, it, next, 0); });
    ASSERT_TRUE(updated.ok()) << updated.error().describe();
    ASSERT_TRUE(*updated);
    it = next;
  }
  Instant now = *parse_rfc3339("2026-04-10T12:00:00+07:00");
  for (auto [from, until] : {std::pair{"2026-03-01T00:00:00+07:00", "2026-05-01T00:00:00+07:00"},
                             std::pair{"2026-03-15T00:00:00+07:00", "2026-04-01T00:00:00+07:00"},
                             std::pair{"2026-04-02T00:00:00+07:00", "2026-04-03T00:00:00+07:00"}}) {
    Instant f = *parse_rfc3339(from), u = *parse_rfc3339(until);
    auto want = counted(f, u, now);
    EXPECT_FALSE(want.empty());
    EXPECT_EQ(from_counters(f, u, now), want) << from << " – " << until;
  }
  // By unit and category, each pair once although the units share a name; by channel, the same
  // totals.
  auto rows = db().read([&](storage::Tx& tx) {
    return stats(tx, *parse_rfc3339("2026-03-01T00:00:00+07:00"),
                 *parse_rfc3339("2026-05-01T00:00:00+07:00"), now);
  });
  ASSERT_TRUE(rows.ok());
  auto figures = figures_json(*rows);
  std::set<std::pair<int64_t, int64_t>> pairs;
  int64_t by_pair = 0, by_channel = 0;
  for (const auto& row : figures.at("items").as_array()) {
    EXPECT_TRUE(
        pairs.insert({row.at("unit").at("id").as_int64(), row.at("category").at("id").as_int64()})
            .second)
        << row;
    by_pair += row.at("received").as_int64();
  }
  for (const auto& row : figures.at("by_channel").as_array())
    by_channel += row.at("received").as_int64();
  EXPECT_GT(by_pair, 0);
  EXPECT_EQ(by_pair, by_channel);
  EXPECT_EQ(figures.at("by_channel").as_array().size(), 3U);
  // Made again from the items (`tinhso feedback recount`), the counters are the same.
  auto kept = from_counters(*parse_rfc3339("2026-01-01T00:00:00+07:00"),
                            *parse_rfc3339("2027-01-01T00:00:00+07:00"), now);
  ASSERT_TRUE(db().write([](storage::Tx& tx) { return recount_stats(tx); }).ok());
  EXPECT_EQ(from_counters(*parse_rfc3339("2026-01-01T00:00:00+07:00"),
                          *parse_rfc3339("2027-01-01T00:00:00+07:00"), now),
            kept);
  // A stale write (another change came first) moves no counter.
  Item stale = items.front();
  Item next = stale;
  next.category_id = stale.category_id == 1 ? 2 : 1;
  auto before = from_counters(*parse_rfc3339("2026-01-01T00:00:00+07:00"),
                              *parse_rfc3339("2027-01-01T00:00:00+07:00"), now);
  auto refused = db().write([&](storage::Tx& tx) { return update_item(tx, stale, next, 0); });
  ASSERT_TRUE(refused.ok());
  EXPECT_FALSE(*refused);
  EXPECT_EQ(from_counters(*parse_rfc3339("2026-01-01T00:00:00+07:00"),
                          *parse_rfc3339("2027-01-01T00:00:00+07:00"), now),
            before);
}

INSTANTIATE_TEST_SUITE_P(Engines, FeedbackStatsTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::feedback
