-- Work files (hồ sơ công việc, Nghị định 30/2020): the documents of one matter kept together by
-- the official handling it; closing one hands it to the agency's electronic archive with its
-- retention period, after which it no longer changes.
CREATE TABLE work_files (
  id @ID_PK@,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  year INTEGER NOT NULL,
  code TEXT NOT NULL,            -- ký hiệu hồ sơ, e.g. "03.HCTP" (unique per unit and year)
  title TEXT NOT NULL,
  retention_years INTEGER,       -- NULL: permanent (vĩnh viễn)
  keeper_id BIGINT NOT NULL REFERENCES officials(id),
  status TEXT NOT NULL,          -- open | archived
  note TEXT,
  opened_at BIGINT NOT NULL,
  archived_at BIGINT,
  archived_by BIGINT REFERENCES officials(id),
  keep_until TEXT,               -- YYYY-MM-DD; NULL while open or when permanent
  folded TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  UNIQUE (unit_id, year, code)
);
CREATE INDEX work_files_unit ON work_files(unit_id, status, year);

CREATE TABLE work_file_documents (
  work_file_id BIGINT NOT NULL REFERENCES work_files(id),
  kind TEXT NOT NULL,            -- incoming | outgoing
  document_id BIGINT NOT NULL,
  added_by BIGINT REFERENCES officials(id),
  added_at BIGINT NOT NULL,
  PRIMARY KEY (work_file_id, kind, document_id)
);
CREATE INDEX work_file_documents_doc ON work_file_documents(kind, document_id);
