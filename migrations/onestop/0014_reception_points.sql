-- Figures by reception point (Nghị định 118/2025/NĐ-CP: any centre of the province receives any
-- procedure). A dossier is counted where it was received and, separately, by its competent
-- agency; the two views are never added together.
--
-- reception_unit_id: where a received dossier was received, once a reorganisation has moved its
-- desk to a successor (NULL: still desk_unit_id). Only the reorganisation's dossier mover writes
-- it, so the ordinary write path is unchanged.
ALTER TABLE dossiers ADD COLUMN reception_unit_id BIGINT;
-- The received dossiers of some points over a period, without reading the others; the agency,
-- the channel and the two columns of the point ride along so that SQLite counts from the index
-- alone (it reads an indexed expression's columns, not the stored expression; PostgreSQL reads
-- the rows the index finds).
CREATE INDEX dossiers_reception_point
  ON dossiers((COALESCE(reception_unit_id, desk_unit_id)), received_at, agency_unit_id, channel,
              reception_unit_id, desk_unit_id);
-- The results returned at some points over a period. Returned dossiers are closed and never
-- moved again, so their result point is the one of the time.
CREATE INDEX dossiers_returned_point
  ON dossiers((COALESCE(result_unit_id, desk_unit_id)), returned_at) WHERE returned_at IS NOT NULL;
