-- Idempotency-Key (core/http/idempotency.h): a creating request sent again with the same key
-- by the same person gets the first answer instead of acting twice. A row is claimed before
-- the request runs ('running'), completed with the answer, or deleted when the request failed
-- (nothing was written, so it may run again). Only the claim's holder (its random token)
-- finishes it. Kept a day.
CREATE TABLE idempotency_keys (
  owner TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  token TEXT NOT NULL,
  state TEXT NOT NULL,
  status INTEGER,
  content_type TEXT,
  location TEXT,
  body @BLOB@,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (owner, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
