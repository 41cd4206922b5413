package com.example.paymentflow.delivery;

import java.time.Duration;

import io.github.resilience4j.core.IntervalFunction;
import org.springframework.stereotype.Component;

/** When a failed delivery is tried again, and when it is given up. */
@Component
public class RetrySchedule {

    private final IntervalFunction backoff;
    private final int maxAttempts;

    public RetrySchedule(DeliveryProperties properties) {
        DeliveryProperties.Retry retry = properties.retry();
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(
                retry.initialDelay(), retry.multiplier(), retry.jitter(), retry.maxDelay());
        this.maxAttempts = retry.maxAttempts();
    }

    /** The wait after failed attempt number {@code attempt} (1 for the first). */
    public Duration delayAfter(int attempt) {
        return Duration.ofMillis(backoff.apply(attempt));
    }

    public boolean isExhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
