package com.example.paymentflow.operations;

import java.time.Duration;

/**
 * What a destination has left to do: deliveries pending, failed (waiting for a retry) and dead, and how long its
 * oldest due delivery has been waiting (zero when nothing is due).
 */
public record DestinationBacklog(String destination, long pending, long failed, long dead, Duration oldestDue) {
}
