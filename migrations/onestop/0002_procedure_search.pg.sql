-- Procedure search (PostgreSQL): a generated tsvector over the accent-folded search text.
ALTER TABLE procedures ADD COLUMN search_tsv tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED;
CREATE INDEX procedures_search ON procedures USING GIN (search_tsv);
