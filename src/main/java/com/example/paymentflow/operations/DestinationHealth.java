package com.example.paymentflow.operations;

import java.time.Duration;
import java.time.Instant;

/**
 * How a destination's deliveries have been going, as every instance together observed them.
 *
 * @param failingSince  the first failed attempt since the last success; null while the latest outcome is a success
 *                      (or nothing was attempted yet)
 * @param readAt        the database's time when this was read, for durations free of clock differences
 */
public record DestinationHealth(String destination, Instant failingSince, Instant lastSuccessAt,
                                Instant lastFailureAt, Instant readAt) {

    public boolean failing() {
        return failingSince != null;
    }

    /** How long attempts have failed without a success; zero when not failing. */
    public Duration failingFor() {
        return failingSince == null ? Duration.ZERO : Duration.between(failingSince, readAt);
    }
}
