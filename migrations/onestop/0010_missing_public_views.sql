-- Dossiers whose stored public view is missing: written before views were stored, or moved to
-- a successor unit by a reorganisation (the view named the old unit). A background pass renders
-- them through this index; when there are none it costs one empty index probe.
CREATE INDEX dossiers_view_missing ON dossiers(id) WHERE public_view IS NULL;
