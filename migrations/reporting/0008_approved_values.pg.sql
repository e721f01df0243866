-- The numbers of approved reports, kept where pivots and aggregates read them (docs/reporting.md,
-- "Completeness and aggregates"): written when a report's last level approves it, removed when
-- it is reopened. Ordered by regime and period, so that a month's aggregate reads one range and
-- a cell's pivot over twelve months twelve ranges, live, however many reports the province has
-- (reading them through each report's values was 40,000 index look-ups for one province-wide
-- pivot). Filled here from the reports already approved.
CREATE TABLE reporting_approved (
  regime_id BIGINT NOT NULL REFERENCES reporting_regimes(id),
  period TEXT NOT NULL,
  row_code TEXT NOT NULL,
  column_code TEXT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  report_id BIGINT NOT NULL REFERENCES reporting_reports(id),
  num DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (regime_id, period, row_code, column_code, unit_id) INCLUDE (num)
);
CREATE INDEX reporting_approved_report ON reporting_approved(report_id);
INSERT INTO reporting_approved (regime_id, period, row_code, column_code, unit_id, report_id, num)
SELECT r.regime_id, r.period, v.row_code, v.column_code, r.unit_id, r.id, v.num
FROM reporting_values v JOIN reporting_reports r ON r.id = v.report_id
WHERE r.status = 'approved' AND v.num IS NOT NULL;
