-- 64 audit chains instead of 32. With two nodes behind a balancer, the transactions that
-- record entries on the same chain (the chain is a hash of the object modulo the number of
-- chains) queue for its head row from their audit append to their commit: bench/scale.sh saw
-- 10 % of active PostgreSQL sessions waiting on it with 32. Not more: a signed checkpoint
-- lists every chain's head (~85 bytes each) on one line, which must stay under syslog's usual
-- 8 KB message limit to reach the off-machine copy whole. As with 0007, an object written
-- before this change may continue on another chain; each chain still verifies on its own.
INSERT INTO audit_chains (id, seq, head) VALUES
  (32, 0, ''), (33, 0, ''), (34, 0, ''), (35, 0, ''), (36, 0, ''), (37, 0, ''), (38, 0, ''), (39, 0, ''), (40, 0, ''), (41, 0, ''), (42, 0, ''), (43, 0, ''), (44, 0, ''), (45, 0, ''), (46, 0, ''), (47, 0, ''), (48, 0, ''), (49, 0, ''), (50, 0, ''), (51, 0, ''), (52, 0, ''), (53, 0, ''), (54, 0, ''), (55, 0, ''), (56, 0, ''), (57, 0, ''), (58, 0, ''), (59, 0, ''), (60, 0, ''), (61, 0, ''), (62, 0, ''), (63, 0, '');
