-- What citizens expect from the public service portal (issue 13): choosing how to receive the
-- result, online payment of fees with an electronic receipt, and a personal store of papers
-- and results that can be reused in new dossiers.

-- How the applicant asked to receive the result: desk | post | online; by post, where to; the
-- tracking code of the postal item once handed to the public postal service.
ALTER TABLE dossiers ADD COLUMN requested_return_method TEXT;
ALTER TABLE dossiers ADD COLUMN postal_address TEXT;
ALTER TABLE dossiers ADD COLUMN postal_tracking TEXT;
ALTER TABLE dossiers ADD COLUMN applicant_representative TEXT;

-- Online payments of a dossier's fees through a payment gateway (the national payment
-- platform or a bank): created when the applicant starts paying, settled by the gateway's
-- signed notification, refundable.
CREATE TABLE payments (
  id @ID_PK@,
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
  amount BIGINT NOT NULL,
  status TEXT NOT NULL,              -- pending | paid | failed | refunded
  provider TEXT NOT NULL,            -- the gateway (payment.provider)
  order_ref TEXT NOT NULL UNIQUE,    -- our reference, sent to the gateway
  gateway_ref TEXT,                  -- the gateway's transaction number
  receipt_no TEXT,                   -- the electronic receipt (biên lai điện tử)
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  paid_at BIGINT,
  refunded_at BIGINT,
  refund_reason TEXT,
  note TEXT                          -- why a paid payment must be refunded
);
CREATE INDEX payments_dossier ON payments(dossier_id);
CREATE INDEX payments_time ON payments(created_at);

-- A person's document store (kho dữ liệu điện tử): every paper they submitted and every
-- electronic result they received, reusable in a new dossier without uploading it again.
CREATE TABLE personal_documents (
  id @ID_PK@,
  applicant_id BIGINT NOT NULL REFERENCES applicants(id),
  file_id BIGINT NOT NULL REFERENCES files(id),
  kind TEXT NOT NULL,                -- paper | result
  title TEXT NOT NULL,
  dossier_id BIGINT REFERENCES dossiers(id),
  issued_by TEXT,                    -- for a result: the agency
  created_at BIGINT NOT NULL,
  removed_at BIGINT,
  UNIQUE (applicant_id, file_id)
);
CREATE INDEX personal_documents_owner ON personal_documents(applicant_id, created_at);

-- Work queues put dossiers waiting for reception (no due time yet) before every dated one
-- (onestop/queues.cc, kQueueSortKey); the open-queue indexes follow the new order.
DROP INDEX dossiers_unit_open_order;
DROP INDEX dossiers_assignee_open_order;
DROP INDEX dossiers_agency_open_order;
CREATE INDEX dossiers_unit_open_order ON dossiers(current_unit_id, (COALESCE(due_at, submitted_at - 1000000000000000)), id)
  WHERE closed_at IS NULL;
CREATE INDEX dossiers_assignee_open_order ON dossiers(current_assignee_id, (COALESCE(due_at, submitted_at - 1000000000000000)), id)
  WHERE closed_at IS NULL;
CREATE INDEX dossiers_agency_open_order ON dossiers(agency_unit_id, (COALESCE(due_at, submitted_at - 1000000000000000)), id)
  WHERE closed_at IS NULL;
