// Migrations on both engines: idempotent, module by module, and databases from before the module
// kit (one global sequence) adopted without applying anything twice.
#include "core/storage/migrations.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "app/modules.h"
#include "support/test_db.h"

namespace tinhso::storage {
namespace {

class MigrationsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && testing::pg_admin_url().empty())
      GTEST_SKIP() << "no PostgreSQL configured";
    tdb_ = std::make_unique<testing::TestDatabase>(GetParam());
  }
  Database& db() { return tdb_->db(); }
  std::unique_ptr<testing::TestDatabase> tdb_;
};

std::vector<Migration> all_migrations(Database& db) {
  auto all = app::default_migrations(db.dialect());
  EXPECT_TRUE(all.ok()) << all.error().describe();
  return all.ok() ? *all : std::vector<Migration>{};
}

TEST_P(MigrationsTest, MigrationsAreIdempotent) {
  auto all = all_migrations(db());
  auto again = migrate(db(), all);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
  auto pending = pending_migrations(db(), all);
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(pending->empty());
}

// Core comes first, each module's files in their own sequence, and every id is distinct.
TEST_P(MigrationsTest, MigrationsApplyModuleByModule) {
  auto all = all_migrations(db());
  ASSERT_GE(all.size(), 19u);
  EXPECT_EQ(all.front().id(), "core/0001_core");
  std::set<std::string> ids;
  std::string module;
  int last = 0;
  for (const auto& m : all) {
    EXPECT_TRUE(ids.insert(m.id()).second) << m.id();
    if (m.module != module) {
      module = m.module;
      last = 0;
    }
    EXPECT_GT(m.version, last) << m.id();
    last = m.version;
  }
  auto core =
      std::count_if(all.begin(), all.end(), [](const auto& m) { return m.module == "core"; });
  EXPECT_EQ(all[static_cast<std::size_t>(core)].id(), "onestop/0001_onestop");
}

// A database made before the module kit recorded one global sequence; its versions are read
// as the module migrations their content moved to, and the rest is pending (with those written
// after the kit, such as core/0006_idempotency_keys, core/0007_more_audit_chains,
// core/0008_unit_levels_and_kinds, core/0010_audit_chains_64, onestop/0008_stats_deltas,
// onestop/0011_agency_moves and
// onestop/0012_result_point, onestop/0013_results_waiting, onestop/0014_reception_points,
// onestop/0015_stats_moves, onestop/0016_dossier_code_floors, documents/0008_register_floors,
// which such a database lacks).
TEST_P(MigrationsTest, DatabasesFromBeforeTheModuleKitAreAdopted) {
  auto all = all_migrations(db());
  ASSERT_TRUE(db().write([](Tx& tx) -> Status {
                    TS_TRY(tx.exec_script("DROP TABLE module_migrations"));
                    TS_TRY(tx.exec_script("DROP TABLE idempotency_keys"));
                    TS_TRY(tx.exec_script("DROP TABLE dossier_stats_delta"));
                    TS_TRY(tx.exec_script("DROP INDEX dossiers_view_missing"));
                    TS_TRY(tx.exec_script("DROP TABLE dossier_agency_moves"));
                    TS_TRY(tx.exec_script("DROP INDEX dossiers_result_point"));
                    for (const char* t : {"reporting_targets",
                                          "reporting_approved",
                                          "reporting_regime_approvers",
                                          "reporting_signatures",
                                          "reporting_reminders",
                                          "reporting_events",
                                          "reporting_values",
                                          "reporting_reports",
                                          "reporting_regimes",
                                          "reporting_forms",
                                          "feedback_channel_stats",
                                          "feedback_channel_stats_block",
                                          "feedback_forwards",
                                          "feedback_category_deadlines",
                                          "feedback_stats",
                                          "feedback_stats_block",
                                          "feedback_attachments",
                                          "feedback_fts",
                                          "feedback_code_counters",
                                          "feedback_events",
                                          "feedback_items",
                                          "feedback_app_keys",
                                          "feedback_categories"})
                      TS_TRY(tx.exec_script(std::string("DROP TABLE IF EXISTS ") + t));
                    TS_TRY(tx.exec_script("DROP INDEX dossiers_results_waiting"));
                    TS_TRY(tx.exec_script("DROP INDEX dossiers_reception_point"));
                    TS_TRY(tx.exec_script("DROP INDEX dossiers_returned_point"));
                    TS_TRY(tx.exec_script("ALTER TABLE dossiers DROP COLUMN reception_unit_id"));
                    TS_TRY(tx.exec_script("ALTER TABLE dossier_stats DROP COLUMN moved_in"));
                    TS_TRY(tx.exec_script("ALTER TABLE dossier_stats DROP COLUMN moved_out"));
                    TS_TRY(tx.exec_script("ALTER TABLE dossiers DROP COLUMN result_unit_id"));
                    TS_TRY(tx.exec_script("DROP TABLE unit_former_codes"));
                    TS_TRY(tx.exec_script("DROP TABLE unit_folds"));
                    TS_TRY(tx.exec_script("DROP TABLE unit_successions"));
                    TS_TRY(tx.exec_script("DROP TABLE reorganisations"));
                    TS_TRY(tx.exec_script("ALTER TABLE units DROP COLUMN ended_on"));
                    TS_TRY(tx.exec_script("DROP TABLE unit_kinds"));
                    TS_TRY(tx.exec_script("DROP TABLE unit_levels"));
                    TS_TRY(tx.exec_script("DROP TABLE dossier_code_floors"));
                    TS_TRY(tx.exec_script("DROP TABLE document_register_floors"));
                    TS_TRY(tx.exec_script("DELETE FROM audit_chains WHERE id >= 8"));
                    TS_TRY(tx.exec_script(
                        "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT "
                        "NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)"));
                    for (int v = 1; v <= 8; ++v)
                      TS_TRY(
                          tx.exec("INSERT INTO schema_migrations VALUES ($1, 'x', 'x', 0)", {v}));
                    return ok_status();
                  })
                  .ok());
  auto pending = pending_migrations(db(), all);
  ASSERT_TRUE(pending.ok()) << pending.error().describe();
  EXPECT_EQ(*pending,
            (std::vector<std::string>{"core/0003_file_signatures",
                                      "core/0004_file_text",
                                      "core/0005_security",
                                      "core/0006_idempotency_keys",
                                      "core/0007_more_audit_chains",
                                      "core/0008_unit_levels_and_kinds",
                                      "core/0009_reorganisations",
                                      "core/0010_audit_chains_64",
                                      "onestop/0006_packed_public_view",
                                      "onestop/0007_portal_services",
                                      "onestop/0008_stats_deltas",
                                      "onestop/0009_stats_deltas_vacuum",
                                      "onestop/0010_missing_public_views",
                                      "onestop/0011_agency_moves",
                                      "onestop/0012_result_point",
                                      "onestop/0013_results_waiting",
                                      "onestop/0014_reception_points",
                                      "onestop/0015_stats_moves",
                                      "onestop/0016_dossier_code_floors",
                                      "documents/0003_edxml_exchange",
                                      "documents/0004_tasks",
                                      "documents/0005_document_search",
                                      "documents/0006_work_files",
                                      "documents/0007_rejected_messages",
                                      "documents/0008_register_floors",
                                      "feedback/0001_feedback",
                                      "feedback/0002_feedback_search",
                                      "feedback/0003_feedback_merge_questions_attachments",
                                      "feedback/0004_feedback_open311",
                                      "feedback/0005_feedback_stats",
                                      "feedback/0006_feedback_cases",
                                      "feedback/0007_feedback_forwards",
                                      "feedback/0008_feedback_category_settings",
                                      "feedback/0009_feedback_stats_by_channel",
                                      "reporting/0001_reporting",
                                      "reporting/0002_report_reminders",
                                      "reporting/0003_report_signatures",
                                      "reporting/0004_report_signature_kind",
                                      "reporting/0005_regime_window",
                                      "reporting/0006_report_sent_version",
                                      "reporting/0007_approval_levels",
                                      "reporting/0008_approved_values",
                                      "reporting/0009_indicator_targets"}));

  // The whole legacy sequence: nothing of it is applied again, only what came after the kit;
  // everything is recorded.
  ASSERT_TRUE(db().write([](Tx& tx) -> Status {
                    for (int v = 9; v <= 16; ++v)
                      TS_TRY(
                          tx.exec("INSERT INTO schema_migrations VALUES ($1, 'x', 'x', 0)", {v}));
                    return ok_status();
                  })
                  .ok());
  auto applied = migrate(db(), all);
  ASSERT_TRUE(applied.ok()) << applied.error().describe();
  EXPECT_EQ(*applied,
            (std::vector<std::string>{"core/0006_idempotency_keys",
                                      "core/0007_more_audit_chains",
                                      "core/0008_unit_levels_and_kinds",
                                      "core/0009_reorganisations",
                                      "core/0010_audit_chains_64",
                                      "onestop/0008_stats_deltas",
                                      "onestop/0009_stats_deltas_vacuum",
                                      "onestop/0010_missing_public_views",
                                      "onestop/0011_agency_moves",
                                      "onestop/0012_result_point",
                                      "onestop/0013_results_waiting",
                                      "onestop/0014_reception_points",
                                      "onestop/0015_stats_moves",
                                      "onestop/0016_dossier_code_floors",
                                      "documents/0008_register_floors",
                                      "feedback/0001_feedback",
                                      "feedback/0002_feedback_search",
                                      "feedback/0003_feedback_merge_questions_attachments",
                                      "feedback/0004_feedback_open311",
                                      "feedback/0005_feedback_stats",
                                      "feedback/0006_feedback_cases",
                                      "feedback/0007_feedback_forwards",
                                      "feedback/0008_feedback_category_settings",
                                      "feedback/0009_feedback_stats_by_channel",
                                      "reporting/0001_reporting",
                                      "reporting/0002_report_reminders",
                                      "reporting/0003_report_signatures",
                                      "reporting/0004_report_signature_kind",
                                      "reporting/0005_regime_window",
                                      "reporting/0006_report_sent_version",
                                      "reporting/0007_approval_levels",
                                      "reporting/0008_approved_values",
                                      "reporting/0009_indicator_targets"}));
  auto recorded =
      db().read([](Tx& tx) { return tx.query("SELECT count(*) FROM module_migrations"); });
  ASSERT_TRUE(recorded.ok());
  EXPECT_EQ(recorded->front().i64(0), static_cast<int64_t>(all.size()));
  auto again = pending_migrations(db(), all);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, MigrationsTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::storage
