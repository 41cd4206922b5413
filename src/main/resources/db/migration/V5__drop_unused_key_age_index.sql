-- Retention deletes an event's idempotency key by the event's id (retention/EventRetention.java), never by the
-- key's age: the index on created_at was never read, yet every new event paid for its upkeep.
DROP INDEX IF EXISTS idempotency_keys_created_at;
