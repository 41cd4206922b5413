package com.example.paymentflow.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.example.paymentflow.logging.RedactedAddresses;
import com.example.paymentflow.logging.RedactedUrls;
import com.example.paymentflow.logging.SummarizedLog;
import com.example.paymentflow.logging.SummarizedLogs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.stereotype.Component;

/**
 * Tells operators how attempts went: metrics per destination ({@value #ATTEMPTS} by outcome, {@value #LATENCY} from
 * the webhook's receipt to its delivery) and log lines, summarised per destination and kind so that a destination
 * that is down, or a flood of dead deliveries, writes a line a minute rather than one per attempt. Successful
 * deliveries log at DEBUG only. No customer data: events are named by id, failures by their summary.
 */
@Component
public class AttemptReporter {

    public static final String ATTEMPTS = "paymentflow.delivery.attempts";
    public static final String LATENCY = "paymentflow.delivery.latency";
    private static final Logger LOG = LoggerFactory.getLogger(AttemptReporter.class);
    private static final Duration SUMMARY_WINDOW = Duration.ofMinutes(1);

    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    private final SummarizedLog failures;
    private final SummarizedLog deaths;
    private final SummarizedLog problems;
    private final Map<String, Meters> byDestination = new ConcurrentHashMap<>();

    private record Meters(Map<AttemptOutcome.Status, Counter> attempts, Timer latency) {
    }

    public AttemptReporter(MeterRegistry meters, SummarizedLogs logs) {
        this.meters = meters;
        this.failures = logs.create(LOG, Level.WARN, SUMMARY_WINDOW);
        this.deaths = logs.create(LOG, Level.ERROR, SUMMARY_WINDOW);
        this.problems = logs.create(LOG, Level.WARN, SUMMARY_WINDOW);
    }

    /** Registers the destination's series, so that they show 0 before its first attempt. */
    public void register(String destination) {
        metersOf(destination);
    }

    public void report(AttemptOutcome outcome) {
        Delivery delivery = outcome.delivery();
        Meters destinationMeters = metersOf(delivery.destination());
        destinationMeters.attempts().get(outcome.status()).increment();
        switch (outcome.status()) {
            case DELIVERED -> {
                destinationMeters.latency().record(Duration.between(delivery.receivedAt(), clock.instant()));
                LOG.debug("Delivered event {} to {} (attempt {})", delivery.eventId(), delivery.destination(),
                        delivery.attempt());
            }
            case FAILED -> failures.log(delivery.destination() + " attempts failed", String.format(
                    "Delivery of event %s to %s failed (attempt %d), next attempt in %d ms: %s", delivery.eventId(),
                    delivery.destination(), delivery.attempt(), outcome.retryDelayMillis(), outcome.error()));
            case DEAD -> deaths.log(delivery.destination() + " deliveries dead", String.format(
                    "Delivery of event %s to %s is dead after attempt %d: %s", delivery.eventId(),
                    delivery.destination(), delivery.attempt(), outcome.error()));
        }
    }

    /** A poll or an outcome that could not reach the database; it is tried again, so one line a minute is enough. */
    public void databaseProblem(String destination, String what, Throwable cause) {
        problems.log(destination + " " + what, String.format("Deliveries to %s: %s, will try again: %s", destination,
                what, rootMessage(cause)));
    }

    /** An outcome that came too late: the lease had run out and another attempt had claimed the delivery. */
    public void leaseLost(Delivery delivery) {
        problems.log(delivery.destination() + " leases lost", String.format("Outcome of attempt %d of event %s to %s "
                + "not recorded: its lease ran out and the delivery was claimed again", delivery.attempt(),
                delivery.eventId(), delivery.destination()));
    }

    private Meters metersOf(String destination) {
        return byDestination.computeIfAbsent(destination, name -> {
            Map<AttemptOutcome.Status, Counter> attempts = new EnumMap<>(AttemptOutcome.Status.class);
            for (AttemptOutcome.Status status : AttemptOutcome.Status.values()) {
                attempts.put(status, Counter.builder(ATTEMPTS)
                        .description("Delivery attempts by destination and outcome")
                        .tag("destination", name).tag("outcome", status.column())
                        .register(meters));
            }
            Timer latency = Timer.builder(LATENCY)
                    .description("From the webhook's receipt to its delivery, by destination")
                    .tag("destination", name)
                    // its buckets are the service-level objectives of the settings (14), not Micrometer's 70-odd
                    .register(meters);
            return new Meters(attempts, latency);
        });
    }

    private static String rootMessage(Throwable cause) {
        Throwable root = org.springframework.core.NestedExceptionUtils.getMostSpecificCause(cause);
        return root.getClass().getSimpleName() + ": " + RedactedAddresses.in(RedactedUrls.in(root.getMessage()));
    }
}
