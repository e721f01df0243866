-- The reporting system (hệ thống thông tin báo cáo — Nghị định 09/2019/NĐ-CP): forms, regimes,
-- reports and their values, and the reports' timelines. docs/reporting.md.

-- A form version: a change makes a new version; reports keep theirs.
CREATE TABLE reporting_forms (
  id @ID_PK@,
  code TEXT NOT NULL,
  version BIGINT NOT NULL,
  title TEXT NOT NULL,
  definition TEXT NOT NULL,  -- JSON (form.h)
  created_at BIGINT NOT NULL,
  UNIQUE (code, version)
);

-- A reporting regime (chế độ báo cáo): which form, how often, the data's cut-off, the deadline
-- to send, which units report, who receives and approves.
CREATE TABLE reporting_regimes (
  id @ID_PK@,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  form_code TEXT NOT NULL,
  form_version BIGINT NOT NULL,
  period_type TEXT NOT NULL,
  cutoff_day BIGINT NOT NULL,
  deadline TEXT NOT NULL,          -- JSON (regimes.h)
  lock_days BIGINT NOT NULL,       -- days after the deadline until entry locks; 0: never
  receiver_unit_id BIGINT NOT NULL REFERENCES units(id),
  reporters TEXT NOT NULL,         -- JSON: unit ids and/or an administrative level
  active BIGINT NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- One unit's report of a regime for a period. No row: not started.
CREATE TABLE reporting_reports (
  id @ID_PK@,
  regime_id BIGINT NOT NULL REFERENCES reporting_regimes(id),
  period TEXT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  form_version BIGINT NOT NULL,
  status TEXT NOT NULL,
  comment TEXT NOT NULL,            -- the reporter's explanation of warnings
  return_reason TEXT,
  due_at BIGINT NOT NULL,
  unlocked_until BIGINT,            -- the receiver's exception to the lock date
  submitted_at BIGINT,
  on_time BIGINT,                   -- 1/0 once submitted (the first submission counts)
  approved_at BIGINT,
  approved_by TEXT,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (regime_id, period, unit_id)
);
CREATE INDEX reporting_reports_unit ON reporting_reports(unit_id, regime_id);

-- Entered and computed cells, one row each: aggregates and pivots are sums over rows.
CREATE TABLE reporting_values (
  report_id BIGINT NOT NULL REFERENCES reporting_reports(id),
  row_code TEXT NOT NULL,
  column_code TEXT NOT NULL,
  num DOUBLE PRECISION,
  txt TEXT,
  PRIMARY KEY (report_id, row_code, column_code)
);

CREATE TABLE reporting_events (
  id @ID_PK@,
  report_id BIGINT NOT NULL REFERENCES reporting_reports(id),
  at BIGINT NOT NULL,
  action TEXT NOT NULL,
  status_from TEXT NOT NULL,
  status_to TEXT NOT NULL,
  actor_id BIGINT,
  actor_name TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX reporting_events_report ON reporting_events(report_id, id);
