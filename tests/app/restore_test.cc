// After a restore from a backup, every module's counters move past what was issued after the
// backup was taken: dossier codes per agency and day (with the codes given as issued), feedback
// codes and register numbers per year; the move is audited. On both engines.
#include "documents/restore.h"

#include <gtest/gtest.h>

#include <array>
#include <map>

#include "core/audit/change_log.h"
#include "core/storage/sqlite_database.h"
#include "documents/notation.h"
#include "feedback/restore.h"
#include "onestop/dossier.h"
#include "onestop/restore.h"
#include "support/test_db.h"

namespace tinhso {
namespace {

class RestoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && testing::pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    tdb_ = std::make_unique<testing::TestDatabase>(GetParam());
    log_ = std::make_unique<audit::ChangeLog>(tdb_->db(), clock_, audit::AuditKey::generate());
  }
  void exec(std::string_view sql) {
    auto s = tdb_->db().write([&](storage::Tx& tx) -> Status {
      TS_TRY(tx.exec(sql));
      return ok_status();
    });
    ASSERT_TRUE(s.ok()) << s.error().describe();
  }
  int64_t value(std::string_view sql, std::vector<storage::Param> params = {}) {
    auto rows = tdb_->db().read([&](storage::Tx& tx) { return tx.query(sql, params); });
    EXPECT_TRUE(rows.ok()) << rows.error().describe();
    return rows.ok() && !rows->empty() ? rows->front().i64(0) : -1;
  }
  int64_t dossier_counter(std::string_view agency, std::string_view day) {
    return value("SELECT n FROM dossier_code_counters WHERE agency_code = $1 AND day = $2",
                 {agency, day});
  }
  template <class F>
  Result<std::string> run(F&& hook, const RestoreContext& context) {
    return log_->apply(audit::Actor::system("test"),
                       [&](audit::ChangeTx& tx) { return hook(tx, context); });
  }

  Clock clock_;
  std::unique_ptr<testing::TestDatabase> tdb_;
  std::unique_ptr<audit::ChangeLog> log_;
  // Taken on the morning of 1 December 2026; restored on 3 December.
  Instant taken_at_ = *parse_rfc3339("2026-12-01T10:00:00+07:00");
  Instant now_ = *parse_rfc3339("2026-12-03T09:00:00+07:00");
};

TEST_P(RestoreTest, DossierCodesMovePastEveryDaySinceTheBackupAndPastCodesGivenAsIssued) {
  // Agency A: its busiest recent day 30 codes (a busier one in January is long past); 5 issued
  // on the backup's morning.
  exec(
      "INSERT INTO dossier_code_counters (agency_code, day, n) VALUES "
      "('000.00.57.H47', '260105', 900), ('000.00.57.H47', '261120', 30), "
      "('000.00.57.H47', '261201', 5), ('000.00.58.H47', '261015', 3)");
  std::array<std::string, 5> issued = {
      "000.00.57.H47-261202-0007",  // after the backup: raised, then the margin on top
      "000.00.59.H47-261203-0400",  // an agency the backup never saw
      "000.00.57.H47-261125-0999",  // before the backup: it is in the database already
      "not a code", "1,000.00.57.H47-261202-0007"};  // a CSV's index column before the code
  RestoreContext context{taken_at_, now_, std::nullopt, issued};
  std::vector<char> recognised(issued.size(), 0);
  context.recognise = [&](std::size_t i) { recognised[i] = 1; };
  auto line = run(onestop::move_codes_after_restore, context);
  ASSERT_TRUE(line.ok()) << line.error().describe();
  EXPECT_NE(line->find("3 day(s)"), std::string::npos) << *line;
  EXPECT_EQ(recognised, (std::vector<char>{1, 1, 1, 0, 0}));
  // Twice the busiest day (60) on top of what each day had.
  EXPECT_EQ(dossier_counter("000.00.57.H47", "261201"), 5 + 60);
  EXPECT_EQ(dossier_counter("000.00.57.H47", "261202"), 7 + 60);
  EXPECT_EQ(dossier_counter("000.00.57.H47", "261203"), 60);
  EXPECT_EQ(dossier_counter("000.00.57.H47", "261125"), -1);  // no row: before the backup
  // A quiet agency still gets the least margin; the unknown one moves past its given code.
  EXPECT_EQ(dossier_counter("000.00.58.H47", "261202"), 50);
  EXPECT_EQ(dossier_counter("000.00.59.H47", "261203"), 400 + 50);
  EXPECT_EQ(dossier_counter("000.00.57.H47", "261120"), 30);
  EXPECT_EQ(value("SELECT count(*) FROM audit_log WHERE action = "
                  "'dossier_codes.move_after_restore'"),
            1);
  // An agency the backup never saw (its first dossier came after it, or a reorganisation made
  // it since) starts those days above the floor; other days are untouched.
  auto code_on = [&](const char* agency, const char* at) {
    auto code = tdb_->db().write([&](storage::Tx& tx) {
      return onestop::next_dossier_code(tx, agency, *parse_rfc3339(at));
    });
    EXPECT_TRUE(code.ok()) << code.error().describe();
    return code.ok() ? *code : std::string();
  };
  // The floor is the largest margin (60): an unknown agency may be as busy as the busiest.
  EXPECT_EQ(code_on("000.00.60.H47", "2026-12-02T08:00:00+07:00"), "000.00.60.H47-261202-0061");
  EXPECT_EQ(code_on("000.00.60.H47", "2026-12-02T08:05:00+07:00"), "000.00.60.H47-261202-0062");
  EXPECT_EQ(code_on("000.00.60.H47", "2026-12-04T08:00:00+07:00"), "000.00.60.H47-261204-0001");
}

TEST_P(RestoreTest, AGivenMarginIsTheLeastEveryCounterMoves) {
  exec(
      "INSERT INTO dossier_code_counters (agency_code, day, n) VALUES "
      "('000.00.57.H47', '261201', 5)");
  exec("INSERT INTO feedback_code_counters (year, n) VALUES (2026, 670)");
  // --margin 0 (as if every code issued since were listed) still moves by the estimate: the
  // file may list dossier codes only, and register numbers are never in it.
  RestoreContext context{taken_at_, now_, int64_t{0}, {}};
  ASSERT_TRUE(run(onestop::move_codes_after_restore, context).ok());
  EXPECT_EQ(dossier_counter("000.00.57.H47", "261201"), 5 + 50);
  ASSERT_TRUE(run(feedback::move_counters_after_restore, context).ok());
  EXPECT_EQ(value("SELECT n FROM feedback_code_counters WHERE year = 2026"), 670 + 12);
  context.margin = 1000;
  ASSERT_TRUE(run(onestop::move_codes_after_restore, context).ok());
  EXPECT_EQ(dossier_counter("000.00.57.H47", "261201"), 55 + 1000);
  EXPECT_EQ(dossier_counter("000.00.57.H47", "261203"), 50 + 1000);
}

TEST_P(RestoreTest, YearlyCountersMoveByTheYearsPace) {
  // 335 days into 2026 at the backup: 670 codes is two a day; three days since → 2 × 6 = 12.
  exec("INSERT INTO feedback_code_counters (year, n) VALUES (2026, 670)");
  exec(
      "INSERT INTO document_register_counters (unit_id, direction, year, n) VALUES "
      "(7, 'incoming', 2026, 3350), (7, 'outgoing', 2026, 1), (7, 'incoming', 2025, 9000)");
  std::array<std::string, 1> issued = {"PAKN-2026-000700"};
  RestoreContext context{taken_at_, now_, std::nullopt, issued};
  auto moved = run(feedback::move_counters_after_restore, context);
  ASSERT_TRUE(moved.ok()) << moved.error().describe();
  EXPECT_EQ(value("SELECT n FROM feedback_code_counters WHERE year = 2026"), 700 + 12);

  auto documents = run(documents::move_counters_after_restore, context);
  ASSERT_TRUE(documents.ok()) << documents.error().describe();
  // 3350 in 335 days is ten a day, but last year's 9,000 was faster (24.7 a day): 2 × 74 → 148;
  // a register that barely moved gets at least 10.
  auto reg = [&](const char* direction, int64_t year) {
    return value(
        "SELECT n FROM document_register_counters WHERE unit_id = 7 AND direction = $1 "
        "AND year = $2",
        {std::string_view(direction), year});
  };
  EXPECT_EQ(reg("incoming", 2026), 3350 + 148);
  EXPECT_EQ(reg("outgoing", 2026), 1 + 10);
  EXPECT_EQ(reg("incoming", 2025), 9000);
  // A unit with no register this year (one a reorganisation makes again after the restore, say)
  // starts above the busiest register's margin.
  auto number = tdb_->db().write(
      [](storage::Tx& tx) { return documents::next_register_number(tx, 99, "outgoing", 2026); });
  ASSERT_TRUE(number.ok()) << number.error().describe();
  EXPECT_EQ(*number, 148 + 1);
  auto next_year = tdb_->db().write(
      [](storage::Tx& tx) { return documents::next_register_number(tx, 99, "outgoing", 2027); });
  ASSERT_TRUE(next_year.ok());
  EXPECT_EQ(*next_year, 1);
}

TEST_P(RestoreTest, ABackupEarlyInJanuaryMovesByLastYearsPace) {
  // Taken on 2 January with nothing counted yet this year; last year 3,650 (ten a day).
  exec("INSERT INTO feedback_code_counters (year, n) VALUES (2026, 3650)");
  exec(
      "INSERT INTO document_register_counters (unit_id, direction, year, n) VALUES "
      "(7, 'incoming', 2026, 3650)");
  RestoreContext context{*parse_rfc3339("2027-01-02T02:00:00+07:00"),
                         *parse_rfc3339("2027-01-05T10:00:00+07:00"),
                         std::nullopt,
                         {}};
  ASSERT_TRUE(run(feedback::move_counters_after_restore, context).ok());
  ASSERT_TRUE(run(documents::move_counters_after_restore, context).ok());
  // Four days at ten a day, twice over.
  EXPECT_EQ(value("SELECT n FROM feedback_code_counters WHERE year = 2027"), 80);
  EXPECT_EQ(value("SELECT n FROM document_register_counters WHERE unit_id = 7 AND year = 2027 "
                  "AND direction = 'incoming'"),
            80);
}

TEST_P(RestoreTest, ABackupAcrossNewYearMovesTheNewYearToo) {
  exec("INSERT INTO feedback_code_counters (year, n) VALUES (2026, 100)");
  RestoreContext context{*parse_rfc3339("2026-12-30T10:00:00+07:00"),
                         *parse_rfc3339("2027-01-02T10:00:00+07:00"),
                         int64_t{25},
                         {}};
  auto moved = run(feedback::move_counters_after_restore, context);
  ASSERT_TRUE(moved.ok()) << moved.error().describe();
  EXPECT_EQ(value("SELECT n FROM feedback_code_counters WHERE year = 2026"), 125);
  EXPECT_EQ(value("SELECT n FROM feedback_code_counters WHERE year = 2027"), 25);
}

TEST(BackupStamp, OnlyTheCopyCarriesIt) {
  testing::TestDatabase live("sqlite");
  auto* sqlite = dynamic_cast<storage::SqliteDatabase*>(&live.db());
  ASSERT_NE(sqlite, nullptr);
  auto stamp_of = [](storage::Database& db) {
    return db.read([](storage::Tx& tx) { return storage::backup_stamp(tx); });
  };
  Instant at = *parse_rfc3339("2026-12-01T10:00:00+07:00");
  std::string target = live.dir() + "/copy.db";
  ASSERT_TRUE(sqlite->backup_to(target, at).ok());
  auto live_stamp = stamp_of(live.db());
  ASSERT_TRUE(live_stamp.ok());
  EXPECT_FALSE(live_stamp->has_value());
  auto copy = storage::SqliteDatabase::open({.path = target});
  ASSERT_TRUE(copy.ok()) << copy.error().describe();
  auto copy_stamp = stamp_of(**copy);
  ASSERT_TRUE(copy_stamp.ok());
  ASSERT_TRUE(copy_stamp->has_value());
  EXPECT_EQ(**copy_stamp, at);
  ASSERT_TRUE((*copy)->write([](storage::Tx& tx) { return storage::clear_backup_stamp(tx); }).ok());
  auto cleared = stamp_of(**copy);
  ASSERT_TRUE(cleared.ok());
  EXPECT_FALSE(cleared->has_value());
}

INSTANTIATE_TEST_SUITE_P(Engines, RestoreTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso
