-- Feedback sent by other applications through Open311 GeoReport v2: the API token (api_tokens)
-- of the application that sent an item, so that it alone reads the item back before its answer
-- is published.
ALTER TABLE feedback_items ADD COLUMN api_token_id BIGINT;
