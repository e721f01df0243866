-- Dossiers a reorganisation moved while open: counted out of the agency they leave and into its
-- successor on the day of the move, so that "in progress" (received + moved in − closed − moved
-- out) stays right for both by the boundaries of the time. The mover adds them to the totals
-- directly; the delta table has the columns only so that both tables keep one shape.
ALTER TABLE dossier_stats ADD COLUMN moved_in BIGINT NOT NULL DEFAULT 0;
ALTER TABLE dossier_stats ADD COLUMN moved_out BIGINT NOT NULL DEFAULT 0;
ALTER TABLE dossier_stats_delta ADD COLUMN moved_in BIGINT NOT NULL DEFAULT 0;
ALTER TABLE dossier_stats_delta ADD COLUMN moved_out BIGINT NOT NULL DEFAULT 0;
