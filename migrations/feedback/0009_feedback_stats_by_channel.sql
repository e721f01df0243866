-- The figures' counters (0005) also by channel (portal, hotline, in person, post, e-mail, app):
-- the figures are asked for by channel as well as by unit and category. New tables with the
-- channel in their key, made from the items as 0005 made its own. The old ones stay for the
-- nodes of a rolling upgrade still running the previous release (they keep writing them); a
-- later release drops them. Once every node runs this one, `tinhso feedback recount` makes the
-- new counters again from the items, so that what old nodes changed meanwhile counts.
--
-- Items reopened before their figures followed the unit holding them kept the unit that had
-- answered (answer_unit_id with no answer): they count at the unit holding them again.
UPDATE feedback_items SET answer_unit_id = NULL
WHERE answered_at IS NULL AND answer_unit_id IS NOT NULL;

CREATE TABLE feedback_channel_stats (
  day INTEGER NOT NULL,          -- (received_at + 7 h) / 1 day, in milliseconds
  unit_id BIGINT NOT NULL,
  category_id BIGINT NOT NULL,
  channel TEXT NOT NULL,
  received BIGINT NOT NULL DEFAULT 0,
  open BIGINT NOT NULL DEFAULT 0,  -- still waiting for someone in the province
  answered BIGINT NOT NULL DEFAULT 0,
  answered_on_time BIGINT NOT NULL DEFAULT 0,
  rated BIGINT NOT NULL DEFAULT 0,
  rating_sum BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, unit_id, category_id, channel)
);

CREATE TABLE feedback_channel_stats_block (
  block INTEGER NOT NULL,
  unit_id BIGINT NOT NULL,
  category_id BIGINT NOT NULL,
  channel TEXT NOT NULL,
  received BIGINT NOT NULL DEFAULT 0,
  open BIGINT NOT NULL DEFAULT 0,
  answered BIGINT NOT NULL DEFAULT 0,
  answered_on_time BIGINT NOT NULL DEFAULT 0,
  rated BIGINT NOT NULL DEFAULT 0,
  rating_sum BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (block, unit_id, category_id, channel)
);

-- As items.cc counts an item: drafts nowhere; answered on time only when answered (a decided
-- complaint has a timeliness too, but no feedback answer).
INSERT INTO feedback_channel_stats (day, unit_id, category_id, channel, received, open, answered,
                            answered_on_time, rated, rating_sum)
SELECT (received_at + 25200000) / 86400000, COALESCE(answer_unit_id, unit_id), category_id,
       channel, count(*),
       sum(CASE WHEN status IN ('received', 'in_progress', 'answer_drafted') THEN 1 ELSE 0 END),
       sum(CASE WHEN answered_at IS NOT NULL THEN 1 ELSE 0 END),
       sum(CASE WHEN answered_at IS NOT NULL AND timeliness IN ('early', 'on_time') THEN 1
           ELSE 0 END),
       count(rating), COALESCE(sum(rating), 0)
FROM feedback_items WHERE status <> 'draft'
GROUP BY (received_at + 25200000) / 86400000, COALESCE(answer_unit_id, unit_id), category_id,
         channel;

INSERT INTO feedback_channel_stats_block (block, unit_id, category_id, channel, received, open, answered,
                                  answered_on_time, rated, rating_sum)
SELECT day / 16, unit_id, category_id, channel, sum(received), sum(open), sum(answered),
       sum(answered_on_time), sum(rated), sum(rating_sum)
FROM feedback_channel_stats GROUP BY day / 16, unit_id, category_id, channel;
