package com.example.paymentflow.operations;

import java.time.Instant;

/**
 * Which deliveries to list. Every filter but the limit is optional (null); from (inclusive) and to (exclusive)
 * apply to the event's received_at; before is the last delivery of the page before (the listing's order is newest
 * event first, then highest delivery id: the deliveries after that one in it).
 */
public record DeliveryQuery(String status, String destination, String eventType, Instant from, Instant to,
                            int limit, Long before) {
}
