-- Thematic and ad hoc reports (báo cáo chuyên đề, đột xuất), asked once: the dates their data
-- cover, as JSON {"from", "to"} (YYYY-MM-DD); NULL for periodic regimes, whose periods give it.
ALTER TABLE reporting_regimes ADD COLUMN data_window TEXT;
