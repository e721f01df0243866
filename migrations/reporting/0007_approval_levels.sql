-- Multi-level approval (docs/reporting.md): the units that approve a regime's reports after
-- its receiver (level 1), from level 2 up; how many levels have approved a report since it was
-- last sent (a report approved before levels existed was approved by its one level); and the
-- unit an approval was given for, which the timeline keeps when a chain changes later.
CREATE TABLE reporting_regime_approvers (
  regime_id BIGINT NOT NULL REFERENCES reporting_regimes(id),
  level BIGINT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  PRIMARY KEY (regime_id, level)
);
CREATE INDEX reporting_regime_approvers_unit ON reporting_regime_approvers(unit_id);
ALTER TABLE reporting_reports ADD COLUMN approved_levels BIGINT NOT NULL DEFAULT 0;
UPDATE reporting_reports SET approved_levels = 1 WHERE status = 'approved';
ALTER TABLE reporting_events ADD COLUMN unit_id BIGINT;
