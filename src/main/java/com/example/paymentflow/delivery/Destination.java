package com.example.paymentflow.delivery;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A destination the engine delivers to: the route {@code deliver-to-<name>}, how many attempts to it may run at
 * once and how fast (both counted in the database, for every instance together), whether its route books inside
 * the transaction that records the outcome, and its circuit breaker: after a run of failed attempts the destination
 * is left alone for a while, then probed with one attempt, so that a destination that is down costs a probe now and
 * then, not an attempt per delivery.
 */
public final class Destination {

    public static final String ROUTE_PREFIX = "deliver-to-";
    private static final Logger LOG = LoggerFactory.getLogger(Destination.class);

    private final String name;
    private final boolean bookedInOutcomeTransaction;
    private final ExecutorService attempts;
    private final AttemptWindow window;
    private final DeliveryQueue.SharedLimits sharedLimits;
    private final CircuitBreaker circuit;

    Destination(String name, boolean bookedInOutcomeTransaction, DeliveryProperties.Destination limits,
                DeliveryProperties.CircuitBreaker breaker, ExecutorService attempts) {
        this.name = name;
        this.bookedInOutcomeTransaction = bookedInOutcomeTransaction;
        int maxConcurrency = limits.maxConcurrency();
        this.attempts = attempts;
        this.window = new AttemptWindow(maxConcurrency);
        // a destination that books a batch in the outcome's transaction has no attempts of its own in flight
        this.sharedLimits = new DeliveryQueue.SharedLimits(bookedInOutcomeTransaction ? null : maxConcurrency,
                limits.maxRatePerSecond() == null ? null : RateWindow.of(limits.maxRatePerSecond()));
        this.circuit = circuitBreaker(name, breaker);
    }

    /** The destination a route id names, if it is a destination route. */
    public static Optional<String> nameOf(String routeId) {
        return routeId != null && routeId.startsWith(ROUTE_PREFIX) && routeId.length() > ROUTE_PREFIX.length()
                ? Optional.of(routeId.substring(ROUTE_PREFIX.length())) : Optional.empty();
    }

    /** The destinations a comma-separated list names (the routing table's header destinations); none for null. */
    public static List<String> namesIn(String list) {
        return list == null ? List.of()
                : Arrays.stream(list.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
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

    /** What its claims keep within on every instance together: its max-concurrency and max-rate-per-second. */
    DeliveryQueue.SharedLimits sharedLimits() {
        return sharedLimits;
    }

    ExecutorService attempts() {
        return attempts;
    }

    /** Its attempts in flight on this instance (a destination not booked in the outcome's transaction). */
    AttemptWindow window() {
        return window;
    }

    /**
     * How many deliveries the next claim may take: none while the circuit is open, one to probe it, else the batch,
     * within the room its attempts in flight leave (the claim itself keeps within the shared limits).
     */
    int claimLimit(int batchSize) {
        int wanted = bookedInOutcomeTransaction ? batchSize : window.room(batchSize);
        if (wanted == 0 || !circuit.tryAcquirePermission()) {
            return 0;
        }
        return circuit.getState() == CircuitBreaker.State.HALF_OPEN ? 1 : wanted;
    }

    /** A probe that found nothing to claim (or no rate left) is given back. */
    void claimed(int deliveries) {
        if (deliveries == 0) {
            circuit.releasePermission();
        }
    }

    /** Tells the circuit breaker how an attempt went: only a failure that may pass later says the destination is down. */
    void attempted(AttemptOutcome outcome) {
        if (outcome.status() == AttemptOutcome.Status.FAILED) {
            circuit.onError(0, TimeUnit.MILLISECONDS, new IllegalStateException(outcome.error()));
        } else {
            circuit.onSuccess(0, TimeUnit.MILLISECONDS);
        }
    }

    /** closed (attempted), open (left alone for now) or half-open (one attempt probes it). */
    public String circuitState() {
        return switch (circuit.getState()) {
            case OPEN, FORCED_OPEN -> "open";
            case HALF_OPEN -> "half-open";
            default -> "closed";
        };
    }

    void close() {
        attempts.shutdown();
    }

    private static CircuitBreaker circuitBreaker(String name, DeliveryProperties.CircuitBreaker settings) {
        CircuitBreaker circuit = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.failures())
                .minimumNumberOfCalls(settings.failures())
                .failureRateThreshold(100)
                .permittedNumberOfCallsInHalfOpenState(1)
                // a probe whose outcome never came back must not keep the destination half-open for ever
                .maxWaitDurationInHalfOpenState(settings.maxOpenFor())
                .waitIntervalFunctionInOpenState(IntervalFunction.ofExponentialBackoff(settings.openFor(), 2,
                        settings.maxOpenFor()))
                .build());
        circuit.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition()) {
                case CLOSED_TO_OPEN -> LOG.warn("Deliveries to {}: the last {} attempts failed; left alone for {}, "
                        + "then probed with one attempt (its deliveries wait, no attempt counted)", name,
                        settings.failures(), settings.openFor());
                case HALF_OPEN_TO_CLOSED -> LOG.info("Deliveries to {}: a probe succeeded, delivering again", name);
                default -> LOG.debug("Deliveries to {}: circuit {}", name, event.getStateTransition());
            }
        });
        return circuit;
    }

    @Override
    public String toString() {
        return "Destination[" + name + "]";
    }
}
