-- The agency a dossier had before a reorganisation moved it to a successor (one row per move).
-- Statistics by the boundaries of the time count what happened before a move with the agency
-- of then, so a full recount (tinhso stats rebuild, the daily snapshots) equals the counters
-- kept transition by transition.
CREATE TABLE dossier_agency_moves (
  dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
  at BIGINT NOT NULL,
  agency_from BIGINT NOT NULL REFERENCES units(id),
  agency_to BIGINT NOT NULL REFERENCES units(id)
);
CREATE INDEX dossier_agency_moves_dossier ON dossier_agency_moves(dossier_id, at);
