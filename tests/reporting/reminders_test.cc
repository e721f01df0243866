// Report reminders on the demo province (every commune reports Biểu 06 quarterly to the
// provincial office): a few working days before the deadline each commune that has not sent is
// reminded once, its leaders e-mailed through the outbox; after the deadline once more; a unit
// that sent is left alone; nothing is sent twice, whatever the number of passes.
#include "reporting/reminders.h"

#include <gtest/gtest.h>

#include "app/app.h"
#include "app/commands.h"
#include "app/modules.h"
#include "core/calendar/calendar_service.h"
#include "reporting/regimes.h"
#include "reporting/reports.h"
#include "support/demo_app.h"
#include "support/test_db.h"

namespace tinhso::reporting {
namespace {

class RemindersTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && testing::pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    app::DemoOptions demo;
    demo.dossiers = 0;
    auto opened = testing::open_demo_app(GetParam(), demo, dir_.path(), pg_);
    ASSERT_TRUE(opened.ok()) << opened.error().describe();
    app_ = std::move(*opened);
  }

  Services& s() { return app_->services(); }

  Regime demo_regime() {
    auto regimes = s().db.read([](storage::Tx& tx) { return load_regimes(tx); });
    EXPECT_TRUE(regimes.ok());
    for (const auto& g : *regimes)
      if (g.code == "KSTT-QUY") return g;
    ADD_FAILURE() << "no demo regime";
    return {};
  }

  // Sets the clock to 09:00 local time on `day`.
  void set_day(Date day) {
    auto at = local_instant(day, 9 * 60);
    s().clock.set_offset(std::chrono::duration_cast<std::chrono::milliseconds>(
        at - std::chrono::system_clock::now()));
  }

  int pass() {
    auto org = s().org.get();
    auto cal = s().calendar.get();
    ReminderOptions options{2, true, true, "https://dichvucong.ankhang.gov.vn"};
    auto n = send_reminders(s().db, s().changes, *org, *cal, options);
    EXPECT_TRUE(n.ok()) << n.error().describe();
    return n.ok() ? *n : -1;
  }

  int64_t count(const std::string& sql) {
    auto rows = s().db.read([&](storage::Tx& tx) { return tx.query(sql); });
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? rows->front().i64(0) : -1;
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::PgScratchDatabase> pg_;
  std::unique_ptr<app::App> app_;
};

TEST_P(RemindersTest, UnitsThatHaveNotSentAreRemindedOnceBeforeAndOnceAfterTheDeadline) {
  Regime g = demo_regime();
  auto org = s().org.get();
  auto cal = s().calendar.get();
  auto reporters = reporters_of(g, *org);
  ASSERT_GT(reporters.size(), 2u);
  Date today = local_date(s().clock.now());
  Period p = period_containing(g.period_type, today, g.cutoff_day);
  Date due = due_date(g, p, *cal);

  // Well before the deadline: nothing (earlier periods were due before the regime existed).
  Date early = add_days(due, -10);
  if (early >= cutoff_window(p, g.cutoff_day).from) {
    set_day(early);
    EXPECT_EQ(pass(), 0);
  }

  // One unit has sent its report.
  ASSERT_TRUE(s().db
                  .write([&](storage::Tx& tx) -> Status {
                    Report r;
                    r.regime_id = g.id;
                    r.period = p.id();
                    r.unit_id = reporters.front();
                    r.form_version = g.form_version;
                    r.status = ReportStatus::kSubmitted;
                    r.due_at = to_millis(s().clock.now());
                    TS_TRY(insert_report(tx, r, to_millis(s().clock.now())));
                    return ok_status();
                  })
                  .ok());

  // The leaders of one unit have a phone number: they get an SMS too.
  int64_t texted_unit = reporters.at(1);
  ASSERT_TRUE(s().db
                  .write([&](storage::Tx& tx) -> Status {
                    TS_TRY(
                        tx.exec("UPDATE officials SET phone = '0912345678' WHERE id IN (SELECT "
                                "official_id FROM role_grants WHERE role = 'leader' AND "
                                "unit_id = $1)",
                                {texted_unit}));
                    return ok_status();
                  })
                  .ok());

  // The leaders of another unit have neither an e-mail address nor a phone number.
  int64_t silent_unit = reporters.at(2);
  auto set_leaders_email = [&](const std::optional<std::string>& email) {
    ASSERT_TRUE(s().db
                    .write([&](storage::Tx& tx) -> Status {
                      TS_TRY(
                          tx.exec("UPDATE officials SET email = $2, phone = NULL WHERE id IN "
                                  "(SELECT official_id FROM role_grants WHERE role = "
                                  "'leader' AND unit_id = $1)",
                                  {silent_unit, email}));
                      return ok_status();
                    })
                    .ok());
  };
  set_leaders_email(std::nullopt);

  // The last working day before the deadline: every other unit with someone to tell, once.
  Date before = add_days(due, -1);
  while (!cal->is_working_day(before)) before = add_days(before, -1);
  set_day(before);
  EXPECT_EQ(pass(), static_cast<int>(reporters.size()) - 2);
  EXPECT_EQ(pass(), 0);
  // The unit nobody could be told about is not recorded as reminded...
  EXPECT_EQ(count(fmt::format("SELECT count(*) FROM reporting_reminders WHERE unit_id = {}",
                              silent_unit)),
            0);
  // ...and is reminded on the next pass once one of its leaders has an address.
  set_leaders_email("lanhdao.im.lang@ankhang.gov.vn");
  EXPECT_EQ(pass(), 1);
  EXPECT_EQ(count(fmt::format("SELECT count(*) FROM outbox WHERE target = "
                              "'lanhdao.im.lang@ankhang.gov.vn' AND idempotency_key LIKE "
                              "'report-reminder-%-{}-before-%'",
                              silent_unit)),
            count(fmt::format("SELECT count(*) FROM role_grants WHERE role = 'leader' AND "
                              "unit_id = {}",
                              silent_unit)));
  EXPECT_EQ(count("SELECT count(*) FROM reporting_reminders WHERE kind = 'before'"),
            static_cast<int64_t>(reporters.size()) - 1);
  EXPECT_EQ(count(fmt::format("SELECT count(*) FROM reporting_reminders WHERE unit_id = {}",
                              reporters.front())),
            0);
  // Each unit's leaders with an address are e-mailed, in Vietnamese, with a link to the report.
  int64_t mails = count(
      "SELECT count(*) FROM outbox WHERE channel = 'email' AND idempotency_key LIKE "
      "'report-reminder-%'");
  EXPECT_GT(mails, 0);
  auto mail = s().db.read([](storage::Tx& tx) {
    return tx.query(
        "SELECT payload FROM outbox WHERE channel = 'email' AND idempotency_key LIKE "
        "'report-reminder-%' LIMIT 1");
  });
  ASSERT_TRUE(mail.ok() && !mail->empty());
  std::string payload = mail->front().str(0);
  EXPECT_NE(payload.find("Sắp đến hạn gửi báo cáo"), std::string::npos) << payload;
  EXPECT_NE(payload.find("/can-bo/bao-cao/" + std::to_string(g.id) + "/" + p.id()),
            std::string::npos);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'report.remind'"),
            static_cast<int64_t>(reporters.size()) - 1);
  EXPECT_GT(count(fmt::format("SELECT count(*) FROM outbox WHERE channel = 'sms' AND "
                              "idempotency_key LIKE 'report-reminder-sms-%-{}-before-%'",
                              texted_unit)),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE channel = 'sms' AND idempotency_key LIKE "
                  "'report-reminder-sms-%' AND target <> '0912345678'"),
            0);
  auto sms = s().db.read([](storage::Tx& tx) {
    return tx.query("SELECT payload FROM outbox WHERE channel = 'sms' LIMIT 1");
  });
  ASSERT_TRUE(sms.ok() && !sms->empty());
  EXPECT_NE(sms->front().str(0).find("Sắp đến hạn gửi báo cáo KSTT-QUY"), std::string::npos)
      << sms->front().str(0);

  // The day after the deadline: once more, as overdue.
  set_day(add_days(due, 1));
  EXPECT_EQ(pass(), static_cast<int>(reporters.size()) - 1);
  EXPECT_EQ(pass(), 0);
  EXPECT_GT(
      count("SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'report-reminder-%-overdue-%'"),
      0);
  // Once the period has locked, no more.
  if (auto locks = lock_date(g, p, *cal)) {
    set_day(add_days(*locks, 1));
    pass();
    EXPECT_EQ(
        count(fmt::format("SELECT count(*) FROM reporting_reminders WHERE period = '{}'", p.id())),
        2 * (static_cast<int64_t>(reporters.size()) - 1));
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, RemindersTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::reporting
