-- Results approved but not yet returned (approval closes a dossier; its result still waits at a
-- desk), by agency: a reorganisation's movers find those of an ended agency without reading
-- every finished dossier it ever had.
CREATE INDEX dossiers_results_waiting ON dossiers(agency_unit_id) WHERE status = 'done';
