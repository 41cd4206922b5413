package com.example.paymentflow.delivery;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How stored events are delivered in the background: how often each destination's poller looks for due
 * deliveries, how many it attempts at once, and the retry schedule of a failing delivery.
 */
@Validated
@ConfigurationProperties("paymentflow.delivery")
public record DeliveryProperties(@Min(1) int batchSize, @NotNull @Valid Retry retry) {

    /**
     * Exponential backoff with jitter: attempt n waits {@code initialDelay * multiplier^(n-1)}, at most
     * {@code maxDelay}, spread by +/- {@code jitter}; after {@code maxAttempts} attempts the delivery is dead.
     */
    public record Retry(@NotNull Duration initialDelay,
                        @DecimalMin("1.0") double multiplier,
                        @NotNull Duration maxDelay,
                        @DecimalMin("0.0") @DecimalMax("1.0") double jitter,
                        @Min(1) int maxAttempts) {
    }
}
