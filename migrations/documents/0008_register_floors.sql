-- The least number a year's registers start from, for a unit that has not counted that year
-- yet. `tinhso restore finish` sets it for the years since a restored backup was taken, so that
-- a unit a reorganisation makes again after the restore (its plan was still due in the backup)
-- does not issue again the numbers it issued before the loss.
CREATE TABLE document_register_floors (
  year INTEGER PRIMARY KEY,
  n BIGINT NOT NULL
);
