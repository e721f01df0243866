-- Feedback search (PostgreSQL): the items' accent-folded title, content, proposal and answer
-- (feedback_items.folded) as a generated tsvector under a GIN index, so that a word search of a
-- million items reads the index rather than every row.
ALTER TABLE feedback_items
  ADD COLUMN folded_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', folded)) STORED;
CREATE INDEX feedback_items_search ON feedback_items USING GIN (folded_tsv);
