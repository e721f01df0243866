-- Complaints and denunciations routed out of feedback run their own law's clocks (Luật Khiếu
-- nại 2011, Luật Tố cáo 2018): acceptance, then the decision, which a denunciation's handler may
-- extend once or twice. The kind is in `suspected` (complaint | denunciation), the running
-- deadline in `due_at`; this counts the extensions.
ALTER TABLE feedback_items ADD COLUMN case_extensions INTEGER NOT NULL DEFAULT 0;
