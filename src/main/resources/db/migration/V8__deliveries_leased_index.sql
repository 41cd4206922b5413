-- The deliveries under a lease (being attempted), per destination: a claim counts those of its destination whose
-- lease has not ended, so that max-concurrency holds for every instance together (delivery/DeliveryQueue.java).
-- Built in the migration's transaction, which holds writes to deliveries while it scans the table: where that
-- table is large, create the index by hand first with CREATE INDEX CONCURRENTLY (the same definition), and this
-- migration finds it there.
CREATE INDEX IF NOT EXISTS deliveries_leased ON deliveries (destination, next_attempt_at) WHERE lease_id IS NOT NULL;
