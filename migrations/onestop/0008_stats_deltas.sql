-- Statistics deltas: every transition appends its counter changes here (one row per grain,
-- period, agency, procedure and channel it touches) instead of updating the totals in
-- dossier_stats. Appends never wait for one another, so concurrent submissions on PostgreSQL do
-- not queue on the few rows each agency's month and year totals live in. A background pass folds
-- the deltas into dossier_stats (deleting exactly the rows it adds); readers sum both tables, so
-- figures stay exact and live between passes.
CREATE TABLE dossier_stats_delta (
  id @ID_PK@,
  grain TEXT NOT NULL,
  period TEXT NOT NULL,
  agency_unit_id BIGINT NOT NULL,
  procedure_id BIGINT NOT NULL,
  channel TEXT NOT NULL,
  received BIGINT NOT NULL DEFAULT 0,
  refused_at_desk BIGINT NOT NULL DEFAULT 0,
  finished_early BIGINT NOT NULL DEFAULT 0,
  finished_on_time BIGINT NOT NULL DEFAULT 0,
  finished_late BIGINT NOT NULL DEFAULT 0,
  refused BIGINT NOT NULL DEFAULT 0,
  withdrawn BIGINT NOT NULL DEFAULT 0,
  supplement_requests BIGINT NOT NULL DEFAULT 0,
  returned BIGINT NOT NULL DEFAULT 0,
  processing_seconds BIGINT NOT NULL DEFAULT 0,
  results_digitised BIGINT NOT NULL DEFAULT 0,
  papers_digitised BIGINT NOT NULL DEFAULT 0,
  fee_dossiers BIGINT NOT NULL DEFAULT 0,
  fees_paid_online BIGINT NOT NULL DEFAULT 0,
  ratings BIGINT NOT NULL DEFAULT 0,
  ratings_satisfied BIGINT NOT NULL DEFAULT 0,
  synced BIGINT NOT NULL DEFAULT 0
);
