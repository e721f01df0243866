-- Whose signature: the reporting unit's agency key (`agency`, all signatures before this) or the
-- personal key of the leader who sent the report (`personal`): the person who answers for the
-- figures signs them, and the unit's key seals them (docs/reporting.md).
ALTER TABLE reporting_signatures ADD COLUMN kind TEXT NOT NULL DEFAULT 'agency';
