-- Feedback search (SQLite): the items' accent-folded title, content, proposal and answer
-- (feedback_items.folded) under FTS5, kept in step by triggers, so that a word search of a
-- million items reads the index rather than every row.
CREATE VIRTUAL TABLE feedback_fts USING fts5(folded, content='feedback_items', content_rowid='id',
                                            tokenize='unicode61 remove_diacritics 0');
CREATE TRIGGER feedback_items_fts_insert AFTER INSERT ON feedback_items BEGIN
  INSERT INTO feedback_fts(rowid, folded) VALUES (new.id, new.folded);
END;
CREATE TRIGGER feedback_items_fts_delete AFTER DELETE ON feedback_items BEGIN
  INSERT INTO feedback_fts(feedback_fts, rowid, folded) VALUES ('delete', old.id, old.folded);
END;
CREATE TRIGGER feedback_items_fts_update AFTER UPDATE OF folded ON feedback_items BEGIN
  INSERT INTO feedback_fts(feedback_fts, rowid, folded) VALUES ('delete', old.id, old.folded);
  INSERT INTO feedback_fts(rowid, folded) VALUES (new.id, new.folded);
END;
INSERT INTO feedback_fts(feedback_fts) VALUES ('rebuild');
