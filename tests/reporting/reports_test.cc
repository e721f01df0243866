// The reporting repository on both engines: a form's largest report (500 rows × 60 columns) is
// stored and read back whole, whatever the engines' limits on parameters; what passes up on
// approval is what the pivot and the aggregate read, and a reopening withdraws it.
#include "reporting/reports.h"

#include <gtest/gtest.h>

#include "documents/demo_province.h"

namespace tinhso::reporting {
namespace {

class ReportingRepositoryTest : public documents::DemoProvinceTest {};

TEST_P(ReportingRepositoryTest, TheLargestReportIsStoredWholeAndPassesUpOnce) {
  int64_t commune = unit("000.00.56.H47");
  Values values;
  for (int row = 0; row < 500; ++row)
    for (int col = 0; col < 60; ++col)
      values[fmt::format("r{:03}.c{:02}", row, col)] =
          col == 59 ? CellValue{std::nullopt, "ghi chú"} : CellValue{double(row + col), ""};
  // Row r000's cells add up to 0 + 1 + … + 58.
  constexpr double kRowZero = 58.0 * 59 / 2;
  auto stored = app_->db().write([&](storage::Tx& tx) -> Result<Report> {
    TS_ASSIGN_OR_RETURN(auto rows,
                        tx.query("SELECT id FROM reporting_regimes WHERE code = 'KSTT-QUY'"));
    Report r;
    r.regime_id = rows.front().i64(0);
    r.period = "2026-Q3";
    r.unit_id = commune;
    r.form_version = 1;
    r.status = ReportStatus::kApproved;
    TS_ASSIGN_OR_RETURN(r.id, insert_report(tx, r, 0));
    TS_TRY(replace_values(tx, r.id, values));
    TS_TRY(pass_up(tx, r));
    TS_TRY(pass_up(tx, r));  // approved again after a reopening: once, not twice
    return r;
  });
  ASSERT_TRUE(stored.ok()) << stored.error().describe();
  auto read = app_->db().read([&](storage::Tx& tx) -> Result<std::pair<Values, double>> {
    TS_ASSIGN_OR_RETURN(auto back, load_values(tx, stored->id));
    TS_ASSIGN_OR_RETURN(auto cell,
                        approved_cell(tx, stored->regime_id, {"2026-Q3"}, "r000", "c58"));
    TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT SUM(num) FROM reporting_approved WHERE "
                                            "report_id = $1 AND row_code = 'r000'",
                                            {stored->id}));
    double sum = rows.front().f64(0);
    EXPECT_EQ(cell.size(), 1u);
    if (!cell.empty()) {
      EXPECT_EQ(cell.front().value, 58);
    }
    return std::pair{std::move(back), sum};
  });
  ASSERT_TRUE(read.ok()) << read.error().describe();
  EXPECT_EQ(read->first, values);
  EXPECT_EQ(read->second, kRowZero);  // text cells do not pass up
  auto withdrawn = app_->db().write([&](storage::Tx& tx) -> Result<int64_t> {
    TS_TRY(withdraw(tx, stored->id));
    TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT count(*) FROM reporting_approved WHERE "
                                            "report_id = $1",
                                            {stored->id}));
    return rows.front().i64(0);
  });
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.error().describe();
  EXPECT_EQ(*withdrawn, 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, ReportingRepositoryTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace tinhso::reporting
