-- The webhook endpoint's off switch, shared by every instance and kept across restarts: one row. While it is
-- disabled, webhooks are answered 503 with Retry-After and PaymentFlow sends them again later.
CREATE TABLE endpoint_switch (
    id         boolean PRIMARY KEY DEFAULT true CHECK (id),
    enabled    boolean     NOT NULL,
    reason     text,
    changed_by text,
    changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO endpoint_switch (enabled) VALUES (true);

-- Every change of the switch: who, why and when.
CREATE TABLE endpoint_switch_changes (
    id         bigserial PRIMARY KEY,
    enabled    boolean     NOT NULL,
    reason     text,
    changed_by text        NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
