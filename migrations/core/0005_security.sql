-- Security hardening (issue 14).

-- A PDF's text is read in the background, in a sandbox (core/files/text_extractor.h):
-- pending | extracting (claimed at text_claimed_at) | extracted | none | not_extracted.
ALTER TABLE files ADD COLUMN text_status TEXT;
ALTER TABLE files ADD COLUMN text_claimed_at BIGINT;
UPDATE files SET text_status = CASE WHEN text_folded IS NULL THEN 'none' ELSE 'extracted' END
  WHERE content_type = 'application/pdf';
CREATE INDEX files_text_work ON files(text_status) WHERE text_status IN ('pending', 'extracting');
CREATE INDEX files_sha256 ON files(sha256);

-- Audit links keyed with an HMAC whose key is kept outside the database, over length-prefixed
-- fields (hash_version 2); the entries before stay verifiable as they were written (1).
ALTER TABLE audit_log ADD COLUMN hash_version INTEGER NOT NULL DEFAULT 1;

-- Signed checkpoints of the chain heads, also written to a file and to syslog (the copies that
-- matter are those outside the database).
CREATE TABLE audit_checkpoints (
  id @ID_PK@,
  at BIGINT NOT NULL,
  node TEXT NOT NULL,
  line TEXT NOT NULL
);

-- Failed logins earn waits instead of locks (core/identity/login_throttle.h): the time before
-- which the next attempt on the account, from any address, is refused.
ALTER TABLE officials ADD COLUMN login_delay_until BIGINT;
ALTER TABLE applicants ADD COLUMN login_delay_until BIGINT;

-- A new account confirms its phone number or e-mail address with a code sent there
-- (core/identity/contact_verification.h); until then it can do nothing but that.
ALTER TABLE applicants ADD COLUMN contact_pending INTEGER NOT NULL DEFAULT 0;
CREATE TABLE contact_codes (
  applicant_id BIGINT PRIMARY KEY REFERENCES applicants(id),
  code_hash TEXT NOT NULL,
  channel TEXT NOT NULL,          -- sms | email
  target TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  sent_at BIGINT NOT NULL
);
