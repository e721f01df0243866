-- Categories edited by reception's leaders (feedback/categories.h): a version against concurrent
-- edits, and answering times per competent unit, which take precedence over the category's own.
ALTER TABLE feedback_categories ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

CREATE TABLE feedback_category_deadlines (
  category_id BIGINT NOT NULL REFERENCES feedback_categories(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  answer_days INTEGER NOT NULL,   -- working days
  PRIMARY KEY (category_id, unit_id)
);
