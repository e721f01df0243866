-- Document search (SQLite): one row per incoming or outgoing document with the accent-folded
-- text of its notation, subject, issuer and the text of its text-based PDF files, under FTS5.
CREATE TABLE document_search (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,            -- incoming | outgoing
  document_id BIGINT NOT NULL,
  search_text TEXT NOT NULL,
  UNIQUE (kind, document_id)
);
CREATE VIRTUAL TABLE document_fts USING fts5(search_text, content='document_search',
                                            content_rowid='id',
                                            tokenize='unicode61 remove_diacritics 0');
CREATE TRIGGER document_search_insert AFTER INSERT ON document_search BEGIN
  INSERT INTO document_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER document_search_delete AFTER DELETE ON document_search BEGIN
  INSERT INTO document_fts(document_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER document_search_update AFTER UPDATE OF search_text ON document_search BEGIN
  INSERT INTO document_fts(document_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO document_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;

-- Documents registered before this migration: their notation, subject and issuer.
INSERT INTO document_search (kind, document_id, search_text)
  SELECT 'incoming', id, folded FROM incoming_documents;
INSERT INTO document_search (kind, document_id, search_text)
  SELECT 'outgoing', id, folded FROM outgoing_documents;
