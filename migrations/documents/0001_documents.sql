-- Documents (issue 5), first part: the incoming register. Each unit keeps one register per
-- direction and numbers its entries from 1 each calendar year (Nghị định 30/2020/NĐ-CP).
CREATE TABLE document_register_counters (
  unit_id BIGINT NOT NULL,
  direction TEXT NOT NULL,  -- incoming | outgoing
  year INTEGER NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (unit_id, direction, year)
);

CREATE TABLE incoming_documents (
  id @ID_PK@,
  unit_id BIGINT NOT NULL,            -- the receiving unit, whose register this is
  year INTEGER NOT NULL,
  incoming_number BIGINT NOT NULL,    -- số đến
  received_at BIGINT NOT NULL,
  channel TEXT NOT NULL,              -- paper | electronic
  issuer_name TEXT NOT NULL,
  issuer_code TEXT,                   -- agency code when known (edXML)
  notation TEXT NOT NULL,             -- số và ký hiệu, e.g. 183/KH-UBND
  notation_key TEXT NOT NULL,         -- folded notation for duplicate detection
  issued_on TEXT NOT NULL,            -- YYYY-MM-DD
  doc_type TEXT NOT NULL,
  subject TEXT NOT NULL,
  urgency TEXT NOT NULL,
  confidentiality TEXT NOT NULL,
  pages INTEGER,
  folded TEXT NOT NULL,               -- accent-folded notation, subject and issuer for search
  registered_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (unit_id, year, incoming_number),
  UNIQUE (unit_id, issuer_name, notation_key, issued_on)
);
CREATE INDEX incoming_documents_register ON incoming_documents(unit_id, received_at);

CREATE TABLE incoming_document_files (
  document_id BIGINT NOT NULL REFERENCES incoming_documents(id),
  file_id BIGINT NOT NULL REFERENCES files(id),
  PRIMARY KEY (document_id, file_id)
);
