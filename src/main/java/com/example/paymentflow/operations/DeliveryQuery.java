package com.example.paymentflow.operations;

import java.time.Instant;

/**
 * Which deliveries to list. Every filter but the limit is optional (null); from (inclusive) and to (exclusive)
 * apply to the event's received_at.
 */
public record DeliveryQuery(String status, String destination, String eventType, Instant from, Instant to,
                            int limit) {
}
