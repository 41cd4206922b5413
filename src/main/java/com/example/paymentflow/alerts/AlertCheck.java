package com.example.paymentflow.alerts;

import java.time.Instant;

/** One condition, looked at every check interval; it submits alerts to the outbox when the condition changes. */
interface AlertCheck {

    void check(Instant now);
}
