-- The reporting unit's digital signature (its agency key, detached CMS) on what it sent: the
-- report's identity and values as canonical JSON (`content`), kept so that the signature is
-- verified against exactly what was signed, and compared with the report as it is now.
CREATE TABLE reporting_signatures (
  id @ID_PK@,
  report_id BIGINT NOT NULL REFERENCES reporting_reports(id),
  report_version BIGINT NOT NULL,
  content TEXT NOT NULL,
  signer_name TEXT NOT NULL,
  organisation TEXT,
  serial_hex TEXT NOT NULL,
  signed_at BIGINT NOT NULL,
  cms @BLOB@ NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX reporting_signatures_report ON reporting_signatures(report_id, id);
