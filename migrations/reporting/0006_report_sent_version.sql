-- The report's version its last sending made: the signatures shown and sent on with it are
-- that sending's only (an earlier sender's signature is not shown as the last one's). NULL for
-- reports sent before it existed, whose latest signatures stand.
ALTER TABLE reporting_reports ADD COLUMN sent_version BIGINT;
