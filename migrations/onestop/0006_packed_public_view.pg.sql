-- The public view is stored packed (onestop/public_view_store.h: deflate with a dictionary), so
-- it becomes bytes. Views stored before stay readable: plain JSON text is passed through.
ALTER TABLE dossiers ALTER COLUMN public_view TYPE BYTEA USING convert_to(public_view, 'UTF8');
