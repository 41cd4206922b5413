package com.example.paymentflow.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How a destination's deliveries have been going, as every instance together observed them.
 *
 * @param failingSince  the first failed attempt since the last success; null while the latest outcome is a success
 *                      (or nothing was attempted yet)
 * @param resumedAt     when an operator last resumed it; null if never
 * @param readAt        the database's time when this was read, for durations free of clock differences
 */
public record DestinationHealth(String destination, Instant failingSince, Instant lastSuccessAt,
                                Instant lastFailureAt, Instant resumedAt, Instant readAt) {

    public boolean failing() {
        return failingSince != null;
    }

    /** How long attempts have failed without a success; zero when not failing. */
    public Duration failingFor() {
        return failingSince == null ? Duration.ZERO : Duration.between(failingSince, readAt);
    }

    /** How long ago it was last resumed, if it ever was. */
    public Optional<Duration> resumedFor() {
        return Optional.ofNullable(resumedAt).map(resumed -> Duration.between(resumed, readAt));
    }
}
