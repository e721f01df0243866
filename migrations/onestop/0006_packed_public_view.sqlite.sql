-- The public view is stored packed (onestop/public_view_store.h: deflate with a dictionary).
-- SQLite keeps BLOB values in a TEXT column as they are, and plain JSON views stored before
-- stay readable, so the table is not rewritten here.
SELECT 1;
