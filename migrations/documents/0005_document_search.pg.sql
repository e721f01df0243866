-- Document search (PostgreSQL): one row per incoming or outgoing document with the
-- accent-folded text of its notation, subject, issuer and the text of its text-based PDF
-- files, under a generated tsvector.
CREATE TABLE document_search (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL,            -- incoming | outgoing
  document_id BIGINT NOT NULL,
  search_text TEXT NOT NULL,
  search_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
  UNIQUE (kind, document_id)
);
CREATE INDEX document_search_tsv ON document_search USING GIN (search_tsv);

-- Documents registered before this migration: their notation, subject and issuer.
INSERT INTO document_search (kind, document_id, search_text)
  SELECT 'incoming', id, folded FROM incoming_documents;
INSERT INTO document_search (kind, document_id, search_text)
  SELECT 'outgoing', id, folded FROM outgoing_documents;
