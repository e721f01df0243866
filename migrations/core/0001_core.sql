-- Foundation schema: organisation tree, officials and roles, applicant accounts, sessions,
-- API tokens, the hash-chained audit log, calendar decisions and settings.
-- Times are UTC milliseconds (BIGINT); flags are 0/1 (BIGINT); dates are 'YYYY-MM-DD'.

CREATE TABLE units (
  id @ID_PK@,
  parent_id BIGINT REFERENCES units(id),
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  short_name TEXT NOT NULL,
  level TEXT NOT NULL,
  kind TEXT NOT NULL,
  name_folded TEXT NOT NULL,
  address TEXT,
  phone TEXT,
  email TEXT,
  active BIGINT NOT NULL DEFAULT 1,
  sort_order BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX units_parent ON units(parent_id);

-- Every (ancestor, descendant) pair including (u, u) at depth 0: scope checks and subtree
-- queries are one indexed join on both engines.
CREATE TABLE unit_closure (
  ancestor_id BIGINT NOT NULL REFERENCES units(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  depth BIGINT NOT NULL,
  PRIMARY KEY (ancestor_id, unit_id)
);
CREATE INDEX unit_closure_unit ON unit_closure(unit_id);

CREATE TABLE officials (
  id @ID_PK@,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  username TEXT NOT NULL UNIQUE,
  full_name TEXT NOT NULL,
  full_name_folded TEXT NOT NULL,
  position TEXT,
  email TEXT,
  phone TEXT,
  password_hash TEXT NOT NULL,
  active BIGINT NOT NULL DEFAULT 1,
  failed_logins BIGINT NOT NULL DEFAULT 0,
  locked_until BIGINT,
  must_change_password BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX officials_unit ON officials(unit_id);

CREATE TABLE role_grants (
  id @ID_PK@,
  official_id BIGINT NOT NULL REFERENCES officials(id),
  role TEXT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  include_subunits BIGINT NOT NULL DEFAULT 0,
  granted_by BIGINT,
  granted_at BIGINT NOT NULL,
  UNIQUE (official_id, role, unit_id)
);
CREATE INDEX role_grants_unit ON role_grants(unit_id, role);

-- Citizens and businesses (applicants), separate from officials.
CREATE TABLE applicants (
  id @ID_PK@,
  kind TEXT NOT NULL,
  full_name TEXT NOT NULL,
  phone TEXT UNIQUE,
  email TEXT UNIQUE,
  id_number TEXT,
  tax_code TEXT,
  representative TEXT,
  address TEXT,
  password_hash TEXT NOT NULL,
  active BIGINT NOT NULL DEFAULT 1,
  failed_logins BIGINT NOT NULL DEFAULT 0,
  locked_until BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  principal_kind TEXT NOT NULL,
  principal_id BIGINT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX sessions_principal ON sessions(principal_kind, principal_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE api_tokens (
  id @ID_PK@,
  official_id BIGINT NOT NULL REFERENCES officials(id),
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX api_tokens_official ON api_tokens(official_id);

-- The audit log is a set of hash chains; a change is appended to the chain of its object so
-- writers on different objects do not serialise on one row (PostgreSQL), while the order of
-- changes to one object is one chain's order.
CREATE TABLE audit_chains (
  id BIGINT PRIMARY KEY,
  seq BIGINT NOT NULL,
  head TEXT NOT NULL
);
INSERT INTO audit_chains (id, seq, head) VALUES
  (0, 0, ''), (1, 0, ''), (2, 0, ''), (3, 0, ''), (4, 0, ''), (5, 0, ''), (6, 0, ''), (7, 0, '');

CREATE TABLE audit_log (
  id @ID_PK@,
  chain_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  at BIGINT NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_id BIGINT,
  actor_name TEXT NOT NULL,
  role TEXT,
  unit_id BIGINT,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  request_id TEXT,
  ip TEXT,
  change TEXT NOT NULL,
  change_digest TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  UNIQUE (chain_id, seq)
);
CREATE INDEX audit_object ON audit_log(object_type, object_id);
CREATE INDEX audit_at ON audit_log(at);

-- Official decisions on days off and make-up working days, per year. A year present in
-- calendar_years replaces the computed statutory holidays with these rows.
CREATE TABLE calendar_years (
  year BIGINT PRIMARY KEY,
  source TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE calendar_days (
  day TEXT PRIMARY KEY,
  year BIGINT NOT NULL REFERENCES calendar_years(year),
  kind TEXT NOT NULL,
  name TEXT NOT NULL
);
CREATE INDEX calendar_days_year ON calendar_days(year);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
