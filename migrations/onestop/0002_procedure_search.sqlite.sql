-- Procedure search (SQLite): FTS5 over the accent-folded search text, kept in step by triggers.
CREATE VIRTUAL TABLE procedure_fts USING fts5(search_text, content='procedures', content_rowid='id',
                                             tokenize='unicode61 remove_diacritics 0');
CREATE TRIGGER procedures_fts_insert AFTER INSERT ON procedures BEGIN
  INSERT INTO procedure_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER procedures_fts_delete AFTER DELETE ON procedures BEGIN
  INSERT INTO procedure_fts(procedure_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER procedures_fts_update AFTER UPDATE OF search_text ON procedures BEGIN
  INSERT INTO procedure_fts(procedure_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO procedure_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
