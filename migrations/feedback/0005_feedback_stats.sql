-- Feedback figures that stay fast over years of items: counters per day of receipt (local
-- time, UTC+7), answering unit (the unit holding the item until it is answered) and category,
-- and the same per block of 16 days, kept in step by the repository on every write (items.cc),
-- so that a year's figures sum a few thousand counter rows (whole blocks, and days at the
-- edges) instead of reading every item. What is overdue depends on the moment of
-- asking: it is counted live, from an index that reaches only the open items of the period.
CREATE TABLE feedback_stats (
  day INTEGER NOT NULL,          -- (received_at + 7 h) / 1 day, in milliseconds
  unit_id BIGINT NOT NULL,
  category_id BIGINT NOT NULL,
  received BIGINT NOT NULL DEFAULT 0,
  open BIGINT NOT NULL DEFAULT 0,  -- still waiting for someone in the province
  answered BIGINT NOT NULL DEFAULT 0,
  answered_on_time BIGINT NOT NULL DEFAULT 0,
  rated BIGINT NOT NULL DEFAULT 0,
  rating_sum BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, unit_id, category_id)
);

-- The same per block of 16 consecutive days (block = day / 16).
CREATE TABLE feedback_stats_block (
  block INTEGER NOT NULL,
  unit_id BIGINT NOT NULL,
  category_id BIGINT NOT NULL,
  received BIGINT NOT NULL DEFAULT 0,
  open BIGINT NOT NULL DEFAULT 0,
  answered BIGINT NOT NULL DEFAULT 0,
  answered_on_time BIGINT NOT NULL DEFAULT 0,
  rated BIGINT NOT NULL DEFAULT 0,
  rating_sum BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (block, unit_id, category_id)
);

INSERT INTO feedback_stats (day, unit_id, category_id, received, open, answered,
                            answered_on_time, rated, rating_sum)
SELECT (received_at + 25200000) / 86400000, COALESCE(answer_unit_id, unit_id), category_id,
       count(*),
       sum(CASE WHEN status IN ('received', 'in_progress', 'answer_drafted') THEN 1 ELSE 0 END),
       sum(CASE WHEN answered_at IS NOT NULL THEN 1 ELSE 0 END),
       sum(CASE WHEN timeliness IN ('early', 'on_time') THEN 1 ELSE 0 END), count(rating),
       COALESCE(sum(rating), 0)
FROM feedback_items WHERE status <> 'draft'
GROUP BY (received_at + 25200000) / 86400000, COALESCE(answer_unit_id, unit_id), category_id;

INSERT INTO feedback_stats_block (block, unit_id, category_id, received, open, answered,
                                  answered_on_time, rated, rating_sum)
SELECT day / 16, unit_id, category_id, sum(received), sum(open), sum(answered),
       sum(answered_on_time), sum(rated), sum(rating_sum)
FROM feedback_stats GROUP BY day / 16, unit_id, category_id;

-- Open items of a period and their deadlines, read from the index alone (it covers what the
-- overdue count needs): a few thousand entries, however many items were answered.
CREATE INDEX feedback_items_open_by_receipt ON feedback_items(status, received_at, due_at,
  forward_due_at, answer_unit_id, unit_id, category_id);
