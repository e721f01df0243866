-- Thirty-two audit chains instead of eight. Each transaction holds its chains' head rows from its
-- audit append until its commit is flushed; with eight, concurrent PostgreSQL submissions still
-- queued on them (bench/scale.sh). An object's chain is a hash of the object modulo the number of
-- chains, so an object written before this change may continue on another chain: each chain
-- still verifies on its own, and an object's history still reads in time order.
INSERT INTO audit_chains (id, seq, head) VALUES
  (8, 0, ''), (9, 0, ''), (10, 0, ''), (11, 0, ''), (12, 0, ''), (13, 0, ''), (14, 0, ''), (15, 0, ''), (16, 0, ''), (17, 0, ''), (18, 0, ''), (19, 0, ''), (20, 0, ''), (21, 0, ''), (22, 0, ''), (23, 0, ''), (24, 0, ''), (25, 0, ''), (26, 0, ''), (27, 0, ''), (28, 0, ''), (29, 0, ''), (30, 0, ''), (31, 0, '');
