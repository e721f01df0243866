-- Reorganisation of units (sắp xếp đơn vị hành chính): a plan ends some units on a date and
-- names their successors, creates new units, moves, renames and re-codes others; applying it
-- moves open work to the successors in batches. History is not rewritten: an ended unit stays
-- in the tree, inactive, with its last day; closed dossiers and issued documents keep it.

ALTER TABLE units ADD COLUMN ended_on TEXT;  -- 'YYYY-MM-DD', the unit's last day; NULL: in force

CREATE TABLE reorganisations (
  id @ID_PK@,
  title TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  effective_on TEXT NOT NULL,      -- the first day of the new organisation
  status TEXT NOT NULL,            -- scheduled | applying | applied | cancelled
  plan TEXT NOT NULL,              -- the plan as accepted (JSON)
  report TEXT NOT NULL,            -- the dry run at acceptance, then what the apply moved (JSON)
  step TEXT NOT NULL DEFAULT '',   -- where an interrupted apply resumes
  moved BIGINT NOT NULL DEFAULT 0,
  to_move BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  applied_at BIGINT,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX reorganisations_due ON reorganisations(status, effective_on);

-- Who took over from an ended unit. `takes_work` marks the one successor that received its
-- open work and whose figures it is counted into when statistics are read by today's
-- boundaries; a split has several successors and one of them takes the work.
CREATE TABLE unit_successions (
  predecessor_id BIGINT NOT NULL REFERENCES units(id),
  successor_id BIGINT NOT NULL REFERENCES units(id),
  reorganisation_id BIGINT NOT NULL REFERENCES reorganisations(id),
  takes_work BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (predecessor_id, successor_id)
);
CREATE INDEX unit_successions_successor ON unit_successions(successor_id);

-- Every (unit in force, ended unit counted into it) pair, transitively over `takes_work`
-- successions: statistics by today's boundaries are one indexed join, like unit_closure.
CREATE TABLE unit_folds (
  into_id BIGINT NOT NULL REFERENCES units(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  PRIMARY KEY (into_id, unit_id)
);
CREATE INDEX unit_folds_unit ON unit_folds(unit_id);

-- Codes a unit carried before it was re-coded: documents and messages addressed to an old
-- code still find it.
CREATE TABLE unit_former_codes (
  code TEXT PRIMARY KEY,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  until_day TEXT NOT NULL,         -- the last day the code was the unit's
  reorganisation_id BIGINT REFERENCES reorganisations(id)
);
