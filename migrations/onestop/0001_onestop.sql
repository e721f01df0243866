-- One-stop system: procedure catalog (versioned), dossiers with their timeline, papers and
-- ratings, dossier code counters, and statistics counters. (Files and the outbox are core's.)

CREATE TABLE sectors (
  id @ID_PK@,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL
);

-- The searchable, current view of each procedure; the full definition of every version is in
-- procedure_versions (a dossier keeps the version it was received under).
CREATE TABLE procedures (
  id @ID_PK@,
  national_code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  sector_id BIGINT NOT NULL REFERENCES sectors(id),
  levels TEXT NOT NULL,
  agency_codes TEXT NOT NULL DEFAULT '',
  online_mode TEXT NOT NULL,
  legacy_level BIGINT NOT NULL,
  processing_days BIGINT NOT NULL,
  processing_hours BIGINT NOT NULL,
  current_version_id BIGINT,
  version_no BIGINT NOT NULL,
  active BIGINT NOT NULL DEFAULT 1,
  search_text TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX procedures_sector ON procedures(sector_id);

CREATE TABLE procedure_versions (
  id @ID_PK@,
  procedure_id BIGINT NOT NULL REFERENCES procedures(id),
  version_no BIGINT NOT NULL,
  definition TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (procedure_id, version_no)
);

-- Sequence numbers of dossier codes: per agency, per day.
CREATE TABLE dossier_code_counters (
  agency_code TEXT NOT NULL,
  day TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (agency_code, day)
);

CREATE TABLE dossiers (
  id @ID_PK@,
  code TEXT NOT NULL UNIQUE,
  procedure_id BIGINT NOT NULL REFERENCES procedures(id),
  procedure_version_id BIGINT NOT NULL REFERENCES procedure_versions(id),
  agency_unit_id BIGINT NOT NULL REFERENCES units(id),
  desk_unit_id BIGINT NOT NULL REFERENCES units(id),
  channel TEXT NOT NULL,
  status TEXT NOT NULL,
  outcome TEXT,
  applicant_account_id BIGINT REFERENCES applicants(id),
  applicant_kind TEXT NOT NULL,
  applicant_name TEXT NOT NULL,
  applicant_id_number TEXT,
  applicant_tax_code TEXT,
  applicant_address TEXT,
  applicant_commune_unit_id BIGINT,
  applicant_phone TEXT,
  applicant_email TEXT,
  applicant_folded TEXT NOT NULL,
  form_data TEXT NOT NULL,
  papers_received TEXT NOT NULL,
  sets_count BIGINT NOT NULL DEFAULT 1,
  submitted_at BIGINT NOT NULL,
  received_at BIGINT,
  received_by BIGINT,
  counting_start BIGINT,
  due_at BIGINT,
  original_due_at BIGINT,
  apology_due_at BIGINT,
  paused_since BIGINT,
  paused_seconds BIGINT NOT NULL DEFAULT 0,
  finished_at BIGINT,
  returned_at BIGINT,
  closed_at BIGINT,
  return_method TEXT,
  timeliness TEXT,
  processing_seconds BIGINT,
  current_step BIGINT NOT NULL DEFAULT 0,
  current_unit_id BIGINT,
  current_assignee_id BIGINT,
  step_started_at BIGINT,
  step_due_at BIGINT,
  fee_amount BIGINT NOT NULL DEFAULT 0,
  fee_paid_at BIGINT,
  fee_paid_online BIGINT NOT NULL DEFAULT 0,
  result_file_id BIGINT,
  result_note TEXT,
  supplement_count BIGINT NOT NULL DEFAULT 0,
  rated_at BIGINT,
  synced_at BIGINT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- Work queues: a unit's (or a person's) open dossiers by due time; the desk's new ones.
CREATE INDEX dossiers_unit_queue ON dossiers(current_unit_id, status, due_at);
CREATE INDEX dossiers_assignee_queue ON dossiers(current_assignee_id, status, due_at);
CREATE INDEX dossiers_desk_queue ON dossiers(desk_unit_id, status, submitted_at);
CREATE INDEX dossiers_applicant ON dossiers(applicant_account_id, submitted_at);
-- Open dossiers of an agency by due time (overdue counts).
CREATE INDEX dossiers_agency_open ON dossiers(agency_unit_id, closed_at, due_at);
CREATE INDEX dossiers_received ON dossiers(received_at);
CREATE INDEX dossiers_closed ON dossiers(closed_at);

CREATE TABLE dossier_events (
  id @ID_PK@,
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
  at BIGINT NOT NULL,
  action TEXT NOT NULL,
  status_from TEXT,
  status_to TEXT NOT NULL,
  step_from BIGINT,
  step_to BIGINT,
  unit_from BIGINT,
  unit_to BIGINT,
  actor_kind TEXT NOT NULL,
  actor_id BIGINT,
  actor_name TEXT NOT NULL,
  assignee_to BIGINT,
  step_due_at BIGINT,
  timeliness TEXT,
  note TEXT,
  data TEXT
);
CREATE INDEX dossier_events_dossier ON dossier_events(dossier_id, id);
CREATE INDEX dossier_events_action_at ON dossier_events(action, at);

CREATE TABLE dossier_files (
  id @ID_PK@,
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
  file_id BIGINT NOT NULL REFERENCES files(id),
  role TEXT NOT NULL,
  paper_index BIGINT,
  label TEXT NOT NULL,
  added_at BIGINT NOT NULL,
  added_by_kind TEXT NOT NULL,
  added_by_id BIGINT
);
CREATE INDEX dossier_files_dossier ON dossier_files(dossier_id);

CREATE TABLE dossier_ratings (
  dossier_id BIGINT PRIMARY KEY REFERENCES dossiers(id),
  agency_unit_id BIGINT NOT NULL,
  rated_at BIGINT NOT NULL,
  answers TEXT NOT NULL,
  satisfied BIGINT NOT NULL,
  comment TEXT
);

-- Statistics counters, kept incrementally by every dossier transition (and rebuildable from
-- the dossiers with `tinhso stats rebuild`). grain 'd' (period YYYY-MM-DD) and 'm' (YYYY-MM);
-- procedure_id 0 is the roll-up of an agency's procedures.
CREATE TABLE dossier_stats (
  grain TEXT NOT NULL,
  period TEXT NOT NULL,
  agency_unit_id BIGINT NOT NULL,
  procedure_id BIGINT NOT NULL,
  channel TEXT NOT NULL,
  received BIGINT NOT NULL DEFAULT 0,
  refused_at_desk BIGINT NOT NULL DEFAULT 0,
  finished_early BIGINT NOT NULL DEFAULT 0,
  finished_on_time BIGINT NOT NULL DEFAULT 0,
  finished_late BIGINT NOT NULL DEFAULT 0,
  refused BIGINT NOT NULL DEFAULT 0,
  withdrawn BIGINT NOT NULL DEFAULT 0,
  supplement_requests BIGINT NOT NULL DEFAULT 0,
  returned BIGINT NOT NULL DEFAULT 0,
  processing_seconds BIGINT NOT NULL DEFAULT 0,
  results_digitised BIGINT NOT NULL DEFAULT 0,
  papers_digitised BIGINT NOT NULL DEFAULT 0,
  fee_dossiers BIGINT NOT NULL DEFAULT 0,
  fees_paid_online BIGINT NOT NULL DEFAULT 0,
  ratings BIGINT NOT NULL DEFAULT 0,
  ratings_satisfied BIGINT NOT NULL DEFAULT 0,
  synced BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (grain, period, agency_unit_id, procedure_id, channel)
);

-- Open and overdue open dossiers per agency at the end of each day (for past periods).
CREATE TABLE dossier_open_snapshots (
  day TEXT NOT NULL,
  agency_unit_id BIGINT NOT NULL,
  open_count BIGINT NOT NULL,
  overdue_count BIGINT NOT NULL,
  PRIMARY KEY (day, agency_unit_id)
);

-- Per-criterion rating counts, per month and agency.
CREATE TABLE rating_stats (
  period TEXT NOT NULL,
  agency_unit_id BIGINT NOT NULL,
  criterion TEXT NOT NULL,
  score BIGINT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (period, agency_unit_id, criterion, score)
);
