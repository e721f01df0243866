-- edXML exchange with other agencies (QCVN 102:2016). Every message received is kept as it
-- arrived, whatever its fate: imported, a repeat of one already imported, or rejected with the
-- reason — so an administrator can inspect what a sender sent and nothing is silently lost.
CREATE TABLE exchange_received (
  id @ID_PK@,
  idempotency_key TEXT,          -- the sender's key (header Idempotency-Key), when given
  kind TEXT,                     -- document | status; null when unreadable
  from_code TEXT,
  document_id TEXT,              -- QCVN DocumentId (the document, or the one a status answers)
  status TEXT NOT NULL,          -- imported | duplicate | rejected
  error_code TEXT,
  error_message TEXT,
  signer TEXT,                   -- the verified signer and organisation
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  raw @BLOB@ NOT NULL,
  remote_addr TEXT,
  received_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX exchange_received_key ON exchange_received(idempotency_key);
CREATE INDEX exchange_received_time ON exchange_received(status, received_at);

-- An arrival from another installation remembers the message and the sender's DocumentId, to
-- answer with statuses and to recognise a repeat.
ALTER TABLE document_arrivals ADD COLUMN exchange_id BIGINT REFERENCES exchange_received(id);
ALTER TABLE document_arrivals ADD COLUMN edxml_document_id TEXT;
CREATE UNIQUE INDEX document_arrivals_edxml ON document_arrivals(unit_id, issuer_code, edxml_document_id);

-- The arrival an incoming entry was registered from (statuses go back through it).
ALTER TABLE incoming_documents ADD COLUMN source_arrival_id BIGINT REFERENCES document_arrivals(id);

-- The DocumentId an issued document carries in edXML (recipients quote it in their statuses).
ALTER TABLE outgoing_documents ADD COLUMN edxml_document_id TEXT;
CREATE INDEX outgoing_documents_edxml ON outgoing_documents(edxml_document_id);
