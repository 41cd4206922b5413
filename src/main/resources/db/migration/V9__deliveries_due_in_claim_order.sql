-- The due deliveries of a destination in the order a claim takes them (next_attempt_at, then id): a claim reads only
-- the batch it takes. deliveries_due, in (destination, next_attempt_at) only, made PostgreSQL read and sort every due
-- delivery of the destination at each claim: 40 ms a claim with a backlog of 30,000 (docs/benchmarks.md).
-- Built in the migration's transaction, which holds writes to deliveries while it scans the table: where that table
-- is large, create the index by hand first with CREATE INDEX CONCURRENTLY (the same definition), and this migration
-- finds it there.
CREATE INDEX IF NOT EXISTS deliveries_due_in_claim_order ON deliveries (destination, next_attempt_at, id)
    WHERE status IN ('pending', 'failed');
-- every query that used it (the gauges' oldest due delivery, the drained checks) reads the new one's leading columns
DROP INDEX IF EXISTS deliveries_due;
