-- PostgreSQL only (autovacuum settings of dossier_stats_delta): SQLite reuses deleted pages.
SELECT 1;
