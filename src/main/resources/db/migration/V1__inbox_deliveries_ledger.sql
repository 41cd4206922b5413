-- Idempotency store of Camel's idempotent consumer: one row per processed key, race-free by its primary key.
CREATE TABLE idempotency_keys (
    processor_name text        NOT NULL,
    message_id     text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (processor_name, message_id)
);

-- The durable inbox: each accepted event exactly as PaymentFlow signed it, committed with its idempotency key.
CREATE TABLE inbound_events (
    event_id    text PRIMARY KEY,
    event_type  text        NOT NULL,
    payload     bytea       NOT NULL,
    signature   text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inbound_events_received_at ON inbound_events (received_at);

-- One delivery per event and destination, each with its own state:
-- pending -> delivered | failed (retried at next_attempt_at) -> ... -> delivered | dead (replayable).
CREATE TABLE deliveries (
    id              bigserial PRIMARY KEY,
    event_id        text        NOT NULL REFERENCES inbound_events (event_id),
    destination     text        NOT NULL,
    status          text        NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'failed', 'delivered', 'dead')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    replays         integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    UNIQUE (event_id, destination)
);
CREATE INDEX deliveries_due ON deliveries (destination, next_attempt_at) WHERE status IN ('pending', 'failed');
CREATE INDEX deliveries_dead ON deliveries (destination, updated_at) WHERE status = 'dead';

-- Every attempt of every delivery, for operators: where an event went, when, and what answered.
CREATE TABLE delivery_attempts (
    id           bigserial PRIMARY KEY,
    delivery_id  bigint      NOT NULL REFERENCES deliveries (id),
    attempt      integer     NOT NULL,
    outcome      text        NOT NULL CHECK (outcome IN ('delivered', 'failed', 'dead')),
    error        text,
    attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id);

-- The ledger: one booking per event, never two.
CREATE TABLE ledger_entries (
    id           bigserial PRIMARY KEY,
    event_id     text        NOT NULL UNIQUE,
    event_type   text        NOT NULL,
    object_id    text        NOT NULL,
    amount_minor bigint      NOT NULL,
    currency     text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    booked_at    timestamptz NOT NULL DEFAULT now()
);
