package com.example.paymentflow.delivery;

/** A delivery claimed for an attempt: which event goes where, and the attempts made so far. */
public record Delivery(long id, String eventId, String destination, int attempts, byte[] payload) {

    @Override
    public String toString() {
        return "Delivery[id=" + id + ", event=" + eventId + ", destination=" + destination + "]";
    }
}
