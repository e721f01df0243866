-- Feedback figures that stay fast over years of items: counters per day of receipt (local
-- time, UTC+7), answering unit (the unit holding the item until it is answered) and category,
-- kept in step by the repository on every write (items.cc), so that a year's figures sum a few
-- thousand counter rows instead of reading every item. Items still open are counted live from
-- an index over open items (what is overdue depends on the moment of asking).
CREATE TABLE feedback_stats (
  day INTEGER NOT NULL,          -- (received_at + 7 h) / 1 day, in milliseconds
  unit_id BIGINT NOT NULL,
  category_id BIGINT NOT NULL,
  received BIGINT NOT NULL DEFAULT 0,
  answered BIGINT NOT NULL DEFAULT 0,
  answered_on_time BIGINT NOT NULL DEFAULT 0,
  rated BIGINT NOT NULL DEFAULT 0,
  rating_sum BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, unit_id, category_id)
);

INSERT INTO feedback_stats (day, unit_id, category_id, received, answered, answered_on_time,
                            rated, rating_sum)
SELECT (received_at + 25200000) / 86400000, COALESCE(answer_unit_id, unit_id), category_id,
       count(*), sum(CASE WHEN answered_at IS NOT NULL THEN 1 ELSE 0 END),
       sum(CASE WHEN timeliness IN ('early', 'on_time') THEN 1 ELSE 0 END), count(rating),
       COALESCE(sum(rating), 0)
FROM feedback_items WHERE status <> 'draft'
GROUP BY (received_at + 25200000) / 86400000, COALESCE(answer_unit_id, unit_id), category_id;

CREATE INDEX feedback_items_open ON feedback_items(status, received_at);
