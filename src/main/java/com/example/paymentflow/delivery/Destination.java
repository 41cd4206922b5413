package com.example.paymentflow.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * A destination the engine delivers to: the route {@code deliver-to-<name>}, how many attempts to it may run at
 * once (its own threads) and how fast, and whether its route books inside the transaction that records the outcome.
 */
public final class Destination {

    public static final String ROUTE_PREFIX = "deliver-to-";

    private final String name;
    private final boolean bookedInOutcomeTransaction;
    private final int maxConcurrency;
    private final ExecutorService attempts;
    private final RateLimiter rateLimiter;

    Destination(String name, boolean bookedInOutcomeTransaction, DeliveryProperties.Destination limits,
                ExecutorService attempts) {
        this.name = name;
        this.bookedInOutcomeTransaction = bookedInOutcomeTransaction;
        this.maxConcurrency = limits.maxConcurrency();
        this.attempts = attempts;
        this.rateLimiter = limits.maxRatePerSecond() == null ? null : rateLimiter(name, limits.maxRatePerSecond());
    }

    /** The destination a route id names, if it is a destination route. */
    public static Optional<String> nameOf(String routeId) {
        return routeId != null && routeId.startsWith(ROUTE_PREFIX) && routeId.length() > ROUTE_PREFIX.length()
                ? Optional.of(routeId.substring(ROUTE_PREFIX.length())) : Optional.empty();
    }

    public static String routeIdOf(String name) {
        return ROUTE_PREFIX + name;
    }

    public static String pollerRouteIdOf(String name) {
        return name + "-delivery-poller";
    }

    public String name() {
        return name;
    }

    public String endpointUri() {
        return "direct:" + routeIdOf(name);
    }

    /** Its route begins with {@code transacted}: it is called inside the transaction that records its outcome. */
    public boolean bookedInOutcomeTransaction() {
        return bookedInOutcomeTransaction;
    }

    ExecutorService attempts() {
        return attempts;
    }

    /** How many deliveries the next claim may take: the batch, within the concurrency and the rate left now. */
    int claimLimit(int batchSize) {
        int limit = bookedInOutcomeTransaction ? batchSize : Math.min(batchSize, maxConcurrency);
        return rateLimiter == null ? limit
                : Math.max(0, Math.min(limit, rateLimiter.getMetrics().getAvailablePermissions()));
    }

    /** Counts claimed deliveries against the rate (the permits were available when the limit was taken). */
    void claimed(int deliveries) {
        if (rateLimiter != null && deliveries > 0) {
            rateLimiter.acquirePermission(deliveries);
        }
    }

    void close() {
        attempts.shutdown();
    }

    /** A rate of r per second: r permits a second, or one permit every 1/r seconds below one a second. */
    private static RateLimiter rateLimiter(String name, double perSecond) {
        RateLimiterConfig config = perSecond >= 1
                ? RateLimiterConfig.custom().limitForPeriod((int) Math.floor(perSecond))
                        .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO).build()
                : RateLimiterConfig.custom().limitForPeriod(1)
                        .limitRefreshPeriod(Duration.ofMillis(Math.round(1000 / perSecond)))
                        .timeoutDuration(Duration.ZERO).build();
        return RateLimiter.of(name, config);
    }

    @Override
    public String toString() {
        return "Destination[" + name + "]";
    }
}
