-- Alerts (com.example.paymentflow.alerts). Several instances share this database: what they record here makes
-- each alert go out once, from whichever instance records it first.

-- Each destination's delivery outcomes as the instances observe them: a success clears failing_since, a failure
-- sets it when it is not set. A handful of rows, written a few times per check interval.
CREATE TABLE destination_health (
    destination     text PRIMARY KEY,
    failing_since   timestamptz,
    last_success_at timestamptz,
    last_failure_at timestamptz
);

-- Conditions alerted on and not over yet: one row per condition (destination-failing, delivery-backlog) and
-- subject (the destination).
CREATE TABLE open_alerts (
    condition text        NOT NULL,
    subject   text        NOT NULL,
    opened_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (condition, subject)
);

-- Dead deliveries noticed for an alert; alerted_at is set when the alert naming them is taken for sending.
-- A delivery dead again after a replay has a new died_at, and is alerted on again. Rows are kept for a day.
CREATE TABLE dead_delivery_alerts (
    delivery_id bigint      NOT NULL,
    died_at     timestamptz NOT NULL,
    event_id    text        NOT NULL,
    destination text        NOT NULL,
    noticed_at  timestamptz NOT NULL DEFAULT now(),
    alerted_at  timestamptz,
    PRIMARY KEY (delivery_id, died_at)
);
CREATE INDEX dead_delivery_alerts_unalerted ON dead_delivery_alerts (noticed_at) WHERE alerted_at IS NULL;
