-- Stored files (papers, results, documents, attachments) and the outbox of messages to other
-- systems: shared by every module. (Before the module kit, part of migration 0002.)

CREATE TABLE files (
  id @ID_PK@,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  data @BLOB@ NOT NULL,
  owner_kind TEXT NOT NULL,
  owner_id BIGINT,
  created_at BIGINT NOT NULL
);

CREATE TABLE outbox (
  id @ID_PK@,
  channel TEXT NOT NULL,
  target TEXT NOT NULL,
  payload TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  lease_until BIGINT,
  lease_owner TEXT,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  object_type TEXT,
  object_id TEXT
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_object ON outbox(object_type, object_id);
