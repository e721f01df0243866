-- The public look-up's view of each dossier, rendered at every transition so that a look-up is
-- one indexed read. NULL for dossiers stored before it existed (rendered on demand).
ALTER TABLE dossiers ADD COLUMN public_view TEXT;
