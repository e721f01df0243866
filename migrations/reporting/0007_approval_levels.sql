-- Multi-level approval (docs/reporting.md): the units that approve a regime's reports after
-- its receiver (level 1), from level 2 up; and how many levels have approved a report since it
-- was last sent.
CREATE TABLE reporting_regime_approvers (
  regime_id BIGINT NOT NULL REFERENCES reporting_regimes(id),
  level BIGINT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  PRIMARY KEY (regime_id, level)
);
CREATE INDEX reporting_regime_approvers_unit ON reporting_regime_approvers(unit_id);
ALTER TABLE reporting_reports ADD COLUMN approved_levels BIGINT NOT NULL DEFAULT 0;
