package com.example.paymentflow.operations;

import java.time.Duration;

/**
 * What a destination has left to do: deliveries pending, failed (waiting for a retry) and dead, and how long its
 * oldest due delivery has been waiting (zero when nothing is due).
 */
public record DestinationBacklog(String destination, long pending, long failed, long dead, Duration oldestDue) {

    /**
     * These figures with the oldest due wait at most as long as the destination has been resumed: counted before a
     * resumption, they include time its deliveries waited on purpose.
     */
    public DestinationBacklog since(DestinationHealth health) {
        return health.resumedFor().filter(resumed -> resumed.compareTo(oldestDue) < 0)
                .map(resumed -> new DestinationBacklog(destination, pending, failed, dead, resumed))
                .orElse(this);
    }
}
