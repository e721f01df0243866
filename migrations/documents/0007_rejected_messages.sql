-- Security hardening (issue 14). (Before the module kit, part of migration 0015.)

-- A rejected edXML message keeps only its beginning (exchange.rejected_keep_kb); its hash and
-- size still describe the whole. 1: raw is the whole message.
ALTER TABLE exchange_received ADD COLUMN raw_complete INTEGER NOT NULL DEFAULT 1;
