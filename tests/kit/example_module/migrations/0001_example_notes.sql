-- The example module's one table: notes its background task writes.
CREATE TABLE example_notes (
  id @ID_PK@,
  text TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
