package com.example.paymentflow.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery claimed for an attempt: which event goes where, the number of this attempt, the lease that fences
 * its outcome, and the event as PaymentFlow signed it.
 */
public record Delivery(long id, UUID leaseId, String eventId, String destination, int attempt, Instant receivedAt,
                       byte[] payload) {

    @Override
    public String toString() {
        // the payload holds customer data: keep it out of logs
        return "Delivery[id=" + id + ", event=" + eventId + ", destination=" + destination + ", attempt=" + attempt + "]";
    }
}
