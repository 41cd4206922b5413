package com.example.paymentflow.operations;

import java.time.Instant;

/**
 * Which dead deliveries a bulk replay takes: at least one filter is set (see {@link OperationsParameters}), so
 * that a replay of everything is never one forgotten parameter away. from (inclusive) and to (exclusive) apply
 * to the event's received_at.
 */
public record ReplayScope(String destination, String eventType, Instant from, Instant to) {
}
