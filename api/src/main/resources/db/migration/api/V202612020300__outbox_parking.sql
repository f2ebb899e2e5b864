-- A record the relay cannot publish (refused by the producer as too large or malformed, or failing for
-- geopera.outbox.max-attempts rounds while other records were acknowledged) is parked: kept with its attempts and
-- last error for operators, and never claimed again, so it cannot hold back the records behind it.
ALTER TABLE outbox ADD COLUMN parked_at timestamptz;
-- The relay claims rows that are neither sent nor parked.
DROP INDEX IF EXISTS outbox_unsent_idx;
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE sent_at IS NULL AND parked_at IS NULL;
