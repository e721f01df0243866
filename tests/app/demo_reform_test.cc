// The demo province lives through the reorganisations of 2025 (app/demo/demo_reform.h), on
// both engines: the departments merged on 1 March 2025 and the two-level province since 1 July
// 2025, with no district and every commune its own public service centre; each is a recorded
// reorganisation dated its day; the history before it stays with the old units, nothing open is
// left at an ended unit, and the dossiers open on the eve carried on at their successors.
#include "app/demo/demo_reform.h"

#include <gtest/gtest.h>

#include <memory>

#include "app/app.h"
#include "app/commands.h"
#include "app/modules.h"
#include "core/config/config.h"
#include "support/demo_app.h"
#include "support/test_db.h"

namespace tinhso::app {
namespace {

class DemoReformTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && testing::pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    std::string url = "sqlite:demo.db";
    if (GetParam() == "postgres") {
      pg_ = std::make_unique<testing::PgScratchDatabase>();
      url = pg_->url();
    }
    ConfigInputs in;
    in.overrides = {"data_dir=" + dir_.path(), "database.url=" + url, "logging.level=warn"};
    auto modules = default_modules();
    auto config = load_config(in, config_sections_of(modules));
    ASSERT_TRUE(config.ok()) << config.error().describe();
    auto opened = App::open(std::move(*config), modules);
    ASSERT_TRUE(opened.ok()) << opened.error().describe();
    app_ = std::move(*opened);
    ASSERT_TRUE(app_->migrate().ok());
  }

  int64_t count(const std::string& sql) {
    auto rows = app_->db().read([&](storage::Tx& tx) { return tx.query(sql); });
    EXPECT_TRUE(rows.ok()) << sql << ": " << (rows.ok() ? "" : rows.error().describe());
    return rows.ok() ? rows->front().i64(0) : -1;
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::PgScratchDatabase> pg_;
  std::unique_ptr<App> app_;
};

TEST_P(DemoReformTest, TheDemoProvinceIsTodaysWithItsHistoryCarriedOver) {
  DemoOptions demo;
  demo.dossiers = 600;
  ASSERT_EQ(build_demo(*app_, demo), 0);
  const std::string reform = format_iso_date(kDemoReformDay);

  // Today's tree: two levels, no unit of the district level in service, every commune and
  // ward with its own centre.
  EXPECT_EQ(count("SELECT count(*) FROM units WHERE active = 1 AND level = 'district'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM units WHERE active = 0 AND level = 'district' AND "
                  "kind = 'people_committee'"),
            17);
  int64_t communes =
      count("SELECT count(*) FROM units WHERE active = 1 AND kind IN ('commune', 'ward')");
  EXPECT_GE(communes, 45);
  EXPECT_EQ(count("SELECT count(*) FROM units c WHERE c.active = 1 AND c.kind IN ('commune', "
                  "'ward') AND EXISTS (SELECT 1 FROM units s WHERE s.parent_id = c.id AND "
                  "s.active = 1 AND s.kind = 'service_centre')"),
            communes);
  EXPECT_EQ(count("SELECT count(*) FROM units WHERE active = 1 AND level = 'commune' AND kind = "
                  "'people_committee'"),
            0);  // the old communes all merged
  // A ward's economy division also has infrastructure and urban affairs; a commune's does not.
  int64_t wards = count("SELECT count(*) FROM units WHERE active = 1 AND kind = 'ward'");
  EXPECT_GT(wards, 0);
  EXPECT_EQ(count("SELECT count(*) FROM units d JOIN units w ON w.id = d.parent_id WHERE "
                  "d.active = 1 AND w.kind = 'ward' AND d.name = 'Phòng Kinh tế, Hạ tầng và Đô "
                  "thị'"),
            wards);
  EXPECT_EQ(count("SELECT count(*) FROM units d JOIN units w ON w.id = d.parent_id WHERE "
                  "d.active = 1 AND w.kind = 'commune' AND d.name = 'Phòng Kinh tế'"),
            communes - wards);

  // Two recorded reorganisations, each applied on its day, that ended every old unit: the
  // departments' mergers (six departments and their offices) and the reform.
  const std::string mergers = format_iso_date(kDemoMergerDay);
  EXPECT_EQ(count("SELECT count(*) FROM reorganisations WHERE status = 'applied' AND "
                  "effective_on = '" +
                  reform + "'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM reorganisations WHERE status = 'applied' AND "
                  "effective_on = '" +
                  mergers + "'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM units WHERE active = 0 AND (ended_on IS NULL OR "
                  "ended_on NOT IN ('2025-02-28', '2025-06-30'))"),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM units WHERE ended_on = '2025-02-28' AND kind = "
                  "'department'"),
            6);
  EXPECT_EQ(count("SELECT count(*) FROM units WHERE ended_on = '2025-02-28' AND kind <> "
                  "'department'"),
            6);  // their offices

  // Today's departments: the merged ones continue (two under new names); the divisions of the
  // ended ones moved under them, re-coded, their former codes kept.
  EXPECT_EQ(count("SELECT count(*) FROM units WHERE active = 1 AND name IN ('Sở Nông nghiệp và "
                  "Môi trường', 'Sở Dân tộc và Tôn giáo', 'Sở Tài chính', 'Sở Xây dựng', 'Sở "
                  "Khoa học và Công nghệ', 'Sở Nội vụ')"),
            6);
  EXPECT_EQ(count("SELECT count(*) FROM units WHERE active = 1 AND name IN ('Sở Kế hoạch và Đầu "
                  "tư', 'Sở Giao thông vận tải', 'Sở Tài nguyên và Môi trường', 'Sở Thông tin và "
                  "Truyền thông', 'Sở Lao động - Thương binh và Xã hội', 'Sở Ngoại vụ', 'Ban Dân "
                  "tộc')"),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM units d JOIN units p ON p.id = d.parent_id JOIN "
                  "unit_former_codes f ON f.unit_id = d.id WHERE d.name = 'Phòng Đăng ký kinh "
                  "doanh' AND d.active = 1 AND p.name = 'Sở Tài chính' AND f.code = "
                  "'000.02.04.H47' AND d.code = '000.04.05.H47'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM officials o JOIN units u ON u.id = o.unit_id WHERE "
                  "o.username = 'admin' AND u.name = 'Sở Khoa học và Công nghệ'"),
            1);
  // Business registration: received at the planning department until 28 February, at the
  // finance department since; the history stays where it was recorded.
  const int64_t mergers_ms = to_millis(local_instant(kDemoMergerDay, 0));
  const std::string registrations =
      "SELECT count(*) FROM dossiers d JOIN units u ON u.id = d.agency_unit_id JOIN procedures p "
      "ON p.id = d.procedure_id WHERE p.national_code IN ('2.001610', '2.001583') AND ";
  EXPECT_GT(count(registrations + "u.name = 'Sở Kế hoạch và Đầu tư' AND d.closed_at < " +
                  std::to_string(mergers_ms)),
            0);
  EXPECT_EQ(count(registrations + "u.name = 'Sở Kế hoạch và Đầu tư' AND d.submitted_at >= " +
                  std::to_string(mergers_ms)),
            0);
  EXPECT_GT(count(registrations +
                  "u.name = 'Sở Tài chính' AND d.submitted_at >= " + std::to_string(mergers_ms)),
            0);

  // No one and nothing open left at an ended unit.
  EXPECT_EQ(count("SELECT count(*) FROM officials o JOIN units u ON u.id = o.unit_id WHERE "
                  "o.active = 1 AND u.active = 0"),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM role_grants g JOIN units u ON u.id = g.unit_id WHERE "
                  "u.active = 0"),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM dossiers d WHERE d.closed_at IS NULL AND EXISTS "
                  "(SELECT 1 FROM units u WHERE u.active = 0 AND u.id IN (d.agency_unit_id, "
                  "d.desk_unit_id, d.current_unit_id))"),
            0);

  // History stays with the old units: dossiers received before the day and finished before it
  // belong to districts and old communes; none received since belongs to them.
  const int64_t day_ms = to_millis(local_instant(kDemoReformDay, 0));
  EXPECT_GT(count("SELECT count(*) FROM dossiers d JOIN units u ON u.id = d.agency_unit_id "
                  "WHERE u.active = 0 AND d.closed_at < " +
                  std::to_string(day_ms)),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM dossiers d JOIN units u ON u.id = d.agency_unit_id "
                  "WHERE u.active = 0 AND d.submitted_at >= " +
                  std::to_string(day_ms)),
            0);
  // The dossiers open on 30 June 2025 were moved, say so in their timeline, and were finished
  // by their successors.
  int64_t carried = count(
      "SELECT count(DISTINCT dossier_id) FROM dossier_events WHERE action = "
      "'reorganised'");
  EXPECT_GT(carried, 0);
  // Every dossier of a new commune received before the day came there by a move, and the
  // demo carried most of them on to their end.
  int64_t moved = count(
      "SELECT count(DISTINCT m.dossier_id) FROM dossier_agency_moves m JOIN units u ON u.id = "
      "m.agency_to WHERE u.level = 'commune'");
  EXPECT_GT(moved, 0);
  EXPECT_EQ(count("SELECT count(*) FROM dossiers d JOIN units u ON u.id = d.agency_unit_id WHERE "
                  "u.active = 1 AND u.level = 'commune' AND d.submitted_at < " +
                  std::to_string(day_ms)),
            moved);
  EXPECT_GT(count("SELECT count(*) FROM dossiers d WHERE d.closed_at > " + std::to_string(day_ms) +
                  " AND EXISTS (SELECT 1 FROM dossier_agency_moves m WHERE m.dossier_id = d.id)"),
            0);
  EXPECT_GE(carried, moved);

  // The districts' procedures are performed by the communes since the day.
  EXPECT_EQ(count("SELECT count(*) FROM dossiers d JOIN units u ON u.id = d.agency_unit_id JOIN "
                  "procedures p ON p.id = d.procedure_id WHERE p.national_code = '2.000720' AND "
                  "d.submitted_at >= " +
                  std::to_string(day_ms) + " AND u.level <> 'commune'"),
            0);

  // Running it again makes nothing twice.
  int64_t units = count("SELECT count(*) FROM units");
  int64_t dossiers = count("SELECT count(*) FROM dossiers");
  ASSERT_EQ(build_demo(*app_, demo), 0);
  EXPECT_EQ(count("SELECT count(*) FROM units"), units);
  EXPECT_EQ(count("SELECT count(*) FROM dossiers"), dossiers);
  EXPECT_EQ(count("SELECT count(*) FROM reorganisations"), 2);
  // A run that stopped after the reform was accepted (its record not yet written) is resumed,
  // not planned again on the changed tree.
  ASSERT_TRUE(app_->db()
                  .write([](storage::Tx& tx) -> Status {
                    TS_TRY(tx.exec("DELETE FROM settings WHERE key = 'demo_reform'"));
                    return ok_status();
                  })
                  .ok());
  ASSERT_EQ(build_demo(*app_, demo), 0);
  EXPECT_EQ(count("SELECT count(*) FROM reorganisations"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM units"), units);
  EXPECT_EQ(count("SELECT count(*) FROM settings WHERE key = 'demo_reform'"), 1);
}

TEST_P(DemoReformTest, WithoutTheReformTheThreeLevelProvinceRunsToToday) {
  DemoOptions demo;
  demo.dossiers = 400;
  demo.reform = false;
  // Built as the reorganisation tests build it (and once for them all, installation_cache.h).
  app_.reset();  // the empty installation of SetUp, replaced by the copy
  auto opened = testing::open_demo_app(GetParam(), demo, dir_.path(), pg_);
  ASSERT_TRUE(opened.ok()) << opened.error().describe();
  app_ = std::move(*opened);
  EXPECT_EQ(count("SELECT count(*) FROM units WHERE active = 1 AND level = 'district' AND kind "
                  "= 'people_committee'"),
            17);
  EXPECT_EQ(count("SELECT count(*) FROM reorganisations"), 0);
  // And a later `tinhso demo` does not reorganise it behind the operator's back.
  ASSERT_EQ(build_demo(*app_, DemoOptions{}), 0);
  EXPECT_EQ(count("SELECT count(*) FROM reorganisations"), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, DemoReformTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::app
