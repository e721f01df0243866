-- Work queues list open dossiers in due-time order (new online submissions by submission time).
-- These partial indexes deliver that order directly, so a unit with a hundred thousand open
-- dossiers still answers its first page without sorting them all.
CREATE INDEX dossiers_unit_open_order ON dossiers(current_unit_id, (COALESCE(due_at, submitted_at)), id)
  WHERE closed_at IS NULL;
CREATE INDEX dossiers_assignee_open_order ON dossiers(current_assignee_id, (COALESCE(due_at, submitted_at)), id)
  WHERE closed_at IS NULL;
CREATE INDEX dossiers_agency_open_order ON dossiers(agency_unit_id, (COALESCE(due_at, submitted_at)), id)
  WHERE closed_at IS NULL;
