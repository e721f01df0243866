-- Where the applicant collects the result when it is not where the dossier was received
-- (Nghị định 118/2025/NĐ-CP: the receiving centre, or the competent agency's own desk); NULL:
-- at the receiving desk. A unit id, as current_unit_id.
ALTER TABLE dossiers ADD COLUMN result_unit_id BIGINT;
-- The few dossiers with a result point of their own, for a reorganisation's movers.
CREATE INDEX dossiers_result_point ON dossiers(result_unit_id) WHERE result_unit_id IS NOT NULL;
