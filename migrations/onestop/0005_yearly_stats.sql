-- Yearly roll-ups of the statistics counters (grain 'y'), the sums of their months, so that
-- cumulative figures (carried over, in progress) read a few rows per year instead of every
-- month since the first dossier. Kept from here on by each transition and by `stats rebuild`.
INSERT INTO dossier_stats (grain, period, agency_unit_id, procedure_id, channel, received,
  refused_at_desk, finished_early, finished_on_time, finished_late, refused, withdrawn,
  supplement_requests, returned, processing_seconds, results_digitised, papers_digitised,
  fee_dossiers, fees_paid_online, ratings, ratings_satisfied, synced)
SELECT 'y', substr(period, 1, 4), agency_unit_id, procedure_id, channel, SUM(received),
  SUM(refused_at_desk), SUM(finished_early), SUM(finished_on_time), SUM(finished_late),
  SUM(refused), SUM(withdrawn), SUM(supplement_requests), SUM(returned), SUM(processing_seconds),
  SUM(results_digitised), SUM(papers_digitised), SUM(fee_dossiers), SUM(fees_paid_online),
  SUM(ratings), SUM(ratings_satisfied), SUM(synced)
FROM dossier_stats WHERE grain = 'm'
GROUP BY substr(period, 1, 4), agency_unit_id, procedure_id, channel;
