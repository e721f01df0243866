-- The least sequence a day's dossier codes start from, for agencies that have issued none that
-- day yet. `tinhso restore finish` sets it for the days since a restored backup was taken, so
-- that an agency unknown to the backup (one whose first dossier came after it, or a unit a
-- reorganisation made since) does not issue again the codes it issued before the loss.
CREATE TABLE dossier_code_floors (
  day TEXT PRIMARY KEY,  -- yymmdd, as in the codes
  n BIGINT NOT NULL
);
