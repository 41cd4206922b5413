package com.example.paymentflow.delivery;

import java.time.Duration;

/**
 * Whether a failed attempt is worth repeating, a one-line account of it fit for logs (no customer data), and how
 * long the destination asked to be left alone first (an HTTP {@code Retry-After}; zero when it did not say).
 */
public record FailureVerdict(boolean retryable, String summary, Duration waitAtLeast) {

    public FailureVerdict(boolean retryable, String summary) {
        this(retryable, summary, Duration.ZERO);
    }
}
