-- Feedback, second part: duplicates merged into a main item (answered with it), a question
-- reception or the unit asks the sender, and the photos or papers attached to an item.

-- The main item this one was merged into (status 'merged' until the main item is answered).
ALTER TABLE feedback_items ADD COLUMN merged_into BIGINT REFERENCES feedback_items(id);
-- The question put to the sender and not yet answered.
ALTER TABLE feedback_items ADD COLUMN question TEXT;
CREATE INDEX feedback_items_merged ON feedback_items(merged_into);

CREATE TABLE feedback_attachments (
  item_id BIGINT NOT NULL REFERENCES feedback_items(id),
  file_id BIGINT NOT NULL REFERENCES files(id),
  added_by TEXT NOT NULL,        -- sender | official
  at BIGINT NOT NULL,
  PRIMARY KEY (item_id, file_id)
);
