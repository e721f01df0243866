-- The text of a stored PDF, accent-folded, for search (core/files/text_extractor.h). (Before
-- the module kit, part of migration 0012.)
ALTER TABLE files ADD COLUMN text_folded TEXT;  -- a PDF's text, folded; NULL when none
