-- Deliveries are claimed by lease: a claim counts the attempt, pushes next_attempt_at to the end of the lease and
-- marks the delivery with a new lease_id, in one committed statement, before the destination is called. An outcome
-- is recorded only while the lease_id is still the attempt's own. A process that dies mid-attempt leaves a delivery
-- that is due again when its lease ends; a retry without backoff cannot happen.
ALTER TABLE deliveries ADD COLUMN lease_id uuid;

-- Destinations an operator paused: their deliveries queue up and are not attempted, by any instance, until resumed.
CREATE TABLE paused_destinations (
    destination text PRIMARY KEY,
    reason      text,
    paused_by   text        NOT NULL,
    paused_at   timestamptz NOT NULL DEFAULT now()
);

-- Retention purges idempotency keys by age, with the events they belong to.
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
