package com.example.paymentflow.delivery;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How stored events are delivered in the background: how often each destination's poller looks for due deliveries
 * when nothing wakes it, how many it claims at once and for how long, how many attempts to a destination run at
 * once and how fast, and the retry schedule of a failing delivery.
 *
 * @param enabled        false: this instance only receives; its pollers do not run (others deliver)
 * @param pollInterval   the safety net: a poller looks for due work this often even when nothing wakes it
 * @param batchSize      most deliveries one poll claims (a destination booked in the outcome's transaction books
 *                       them in one transaction; others attempt at most {@code maxConcurrency} of them at once)
 * @param lease          how long a claimed delivery is reserved for its attempt; longer than the slowest attempt
 *                       (HTTP and mail timeouts), as an attempt still running when it ends may be repeated
 * @param maxConcurrency default for every destination: attempts at once, by all instances together
 * @param destinations   per-destination overrides, by destination name
 * @param circuitBreaker when a failing destination is left alone for a while
 * @param shareWhileReceiving while webhooks arrive, the share of its time each poller of this instance may poll
 *                       (answers first, {@link ReceivingFirst}); 1: deliveries never wait for the answers
 */
@Validated
@ConfigurationProperties("paymentflow.delivery")
public record DeliveryProperties(boolean enabled,
                                 @NotNull @DurationMin(millis = 1) Duration pollInterval,
                                 @Min(1) int batchSize,
                                 @NotNull @DurationMin(seconds = 1) Duration lease,
                                 @Min(1) int maxConcurrency,
                                 Map<String, @Valid Destination> destinations,
                                 @NotNull @Valid CircuitBreaker circuitBreaker,
                                 @NotNull @Valid Retry retry,
                                 @DecimalMin("0.05") @DecimalMax("1.0") double shareWhileReceiving) {

    public DeliveryProperties {
        destinations = destinations == null ? Map.of() : Map.copyOf(destinations);
    }

    /** The limits of one destination: its own settings where given, the defaults otherwise. */
    public Destination limitsOf(String destination) {
        Destination own = destinations.get(destination);
        int concurrency = own == null || own.maxConcurrency() == null ? maxConcurrency : own.maxConcurrency();
        Double rate = own == null ? null : own.maxRatePerSecond();
        return new Destination(concurrency, rate);
    }

    /**
     * @param maxConcurrency   attempts to this destination at once, by all instances together
     * @param maxRatePerSecond attempts to this destination per second, by all instances together; none: no limit
     */
    public record Destination(@Min(1) Integer maxConcurrency, @DecimalMin("0.001") Double maxRatePerSecond) {
    }

    /**
     * After {@code failures} failed attempts in a row, a destination is left alone for {@code openFor}, then probed
     * with one attempt; while probes fail, the wait doubles up to {@code maxOpenFor}.
     */
    public record CircuitBreaker(@Min(1) int failures, @NotNull @DurationMin(millis = 1) Duration openFor,
                                 @NotNull @DurationMin(millis = 1) Duration maxOpenFor) {
    }

    /**
     * Exponential backoff with jitter: attempt n waits {@code initialDelay * multiplier^(n-1)}, at most
     * {@code maxDelay}, spread by +/- {@code jitter}; after {@code maxAttempts} attempts the delivery is dead.
     */
    public record Retry(@NotNull @DurationMin(millis = 1) Duration initialDelay,
                        @DecimalMin("1.0") double multiplier,
                        @NotNull @DurationMin(millis = 1) Duration maxDelay,
                        @DecimalMin("0.0") @DecimalMax("1.0") double jitter,
                        @Min(1) int maxAttempts) {
    }
}
