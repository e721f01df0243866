-- Feedback sent by other applications through Open311 GeoReport v2: their keys, issued and
-- revoked by reception (only SHA-256 of the secret is kept; a key opens the Open311 endpoints
-- and nothing else), and the key an item came through, so that its application alone reads it
-- back before its answer is published.
CREATE TABLE feedback_app_keys (
  id @ID_PK@,
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  per_day INTEGER NOT NULL,      -- items the application may send in a day
  created_by BIGINT NOT NULL REFERENCES officials(id),
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);

ALTER TABLE feedback_items ADD COLUMN app_key_id BIGINT REFERENCES feedback_app_keys(id);
CREATE INDEX feedback_items_app_key ON feedback_items(app_key_id, created_at);
