-- Digital signatures (detached CMS) on stored files: the leader's when approving, the issuing
-- agency's when issuing. They belong to the file, so they travel with it to recipients.
CREATE TABLE file_signatures (
  id @ID_PK@,
  file_id BIGINT NOT NULL REFERENCES files(id),
  kind TEXT NOT NULL,            -- personal | agency
  signer_name TEXT NOT NULL,
  organisation TEXT,
  serial_hex TEXT NOT NULL,
  signed_at BIGINT NOT NULL,
  cms @BLOB@ NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX file_signatures_file ON file_signatures(file_id);
