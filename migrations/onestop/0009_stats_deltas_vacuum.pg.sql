-- dossier_stats_delta is a queue: rows are appended by every transition and deleted by the fold
-- every second. With the default scale factor autovacuum would let dead rows pile up between its
-- visits, and every statistics read scans the table: vacuum it after a fixed number of changes.
ALTER TABLE dossier_stats_delta SET (autovacuum_vacuum_scale_factor = 0,
  autovacuum_vacuum_threshold = 5000, autovacuum_vacuum_insert_scale_factor = 0,
  autovacuum_vacuum_insert_threshold = 5000);
