-- Tasks from leaders' directions (nhiệm vụ được giao): created from a document or a meeting,
-- owned by one unit with cooperating units, a deadline date, progress reports and completion
-- with evidence; tracked until done.
CREATE TABLE tasks (
  id @ID_PK@,
  title TEXT NOT NULL,
  content TEXT,
  source_kind TEXT NOT NULL,     -- document | meeting
  source_incoming_id BIGINT REFERENCES incoming_documents(id),
  source_outgoing_id BIGINT REFERENCES outgoing_documents(id),
  source_note TEXT,              -- the meeting, or a note on the document
  assigning_unit_id BIGINT NOT NULL REFERENCES units(id),
  assigned_by BIGINT NOT NULL REFERENCES officials(id),
  owner_unit_id BIGINT NOT NULL REFERENCES units(id),
  due_on TEXT NOT NULL,          -- YYYY-MM-DD, due by the end of that day
  due_at BIGINT NOT NULL,
  status TEXT NOT NULL,          -- open | done
  progress INTEGER NOT NULL DEFAULT 0,
  completed_at BIGINT,
  folded TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX tasks_owner ON tasks(owner_unit_id, status, due_at);
CREATE INDEX tasks_assigning ON tasks(assigning_unit_id, status, due_at);
CREATE INDEX tasks_created ON tasks(created_at);

CREATE TABLE task_units (
  task_id BIGINT NOT NULL REFERENCES tasks(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  PRIMARY KEY (task_id, unit_id)
);
CREATE INDEX task_units_unit ON task_units(unit_id);

-- The task's history: progress reports, completion (with its evidence), reopening.
CREATE TABLE task_reports (
  id @ID_PK@,
  task_id BIGINT NOT NULL REFERENCES tasks(id),
  kind TEXT NOT NULL,            -- progress | complete | reopen
  unit_id BIGINT REFERENCES units(id),
  progress INTEGER,
  note TEXT,
  reported_by BIGINT REFERENCES officials(id),
  reported_by_name TEXT NOT NULL,
  reported_at BIGINT NOT NULL
);
CREATE INDEX task_reports_task ON task_reports(task_id, id);

CREATE TABLE task_report_files (
  report_id BIGINT NOT NULL REFERENCES task_reports(id),
  file_id BIGINT NOT NULL REFERENCES files(id),
  PRIMARY KEY (report_id, file_id)
);
