-- Reminders sent to reporting units whose report is not sent: once per regime, period, unit and
-- kind ("before" the deadline, "overdue" after it), whatever the number of passes or nodes.
CREATE TABLE reporting_reminders (
  regime_id BIGINT NOT NULL REFERENCES reporting_regimes(id),
  period TEXT NOT NULL,
  unit_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  recipients BIGINT NOT NULL,
  sent_at BIGINT NOT NULL,
  PRIMARY KEY (regime_id, period, unit_id, kind)
);
