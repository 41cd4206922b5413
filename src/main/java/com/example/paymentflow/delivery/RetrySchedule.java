package com.example.paymentflow.delivery;

import java.time.Duration;

import io.github.resilience4j.core.IntervalFunction;
import org.springframework.stereotype.Component;

/** When a failed delivery is tried again, and when it is given up. */
@Component
public class RetrySchedule {

    private final IntervalFunction backoff;
    private final int maxAttempts;
    private final Duration maxDelay;

    public RetrySchedule(DeliveryProperties properties) {
        DeliveryProperties.Retry retry = properties.retry();
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(
                retry.initialDelay(), retry.multiplier(), retry.jitter(), retry.maxDelay());
        this.maxAttempts = retry.maxAttempts();
        this.maxDelay = retry.maxDelay();
    }

    /** The wait after failed attempt number {@code attempt} (1 for the first). */
    public Duration delayAfter(int attempt) {
        return Duration.ofMillis(backoff.apply(attempt));
    }

    /**
     * The wait after failed attempt number {@code attempt}, at least what the destination asked for (its
     * {@code Retry-After}), but never longer than the longest wait of the schedule: a destination cannot put
     * deliveries off for days.
     */
    public Duration delayAfter(int attempt, Duration askedFor) {
        Duration backoff = delayAfter(attempt);
        Duration asked = askedFor.compareTo(maxDelay) > 0 ? maxDelay : askedFor;
        return asked.compareTo(backoff) > 0 ? asked : backoff;
    }

    public boolean isExhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
