package com.example.paymentflow.operations;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.example.paymentflow.delivery.DeliveryDestinations;
import com.example.paymentflow.delivery.DestinationPauses;
import com.example.paymentflow.background.PeriodicTask;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gauges {@value #METRIC} tagged destination and status (pending, failed, dead), {@value #OLDEST_DUE_METRIC}
 * (seconds), {@value #FAILING_METRIC} (seconds) and {@value #PAUSED_METRIC} (1 or 0) tagged destination. A thread of
 * their own refreshes them every {@code paymentflow.metrics.delivery-counts-refresh} from one grouped COUNT, one probe
 * per destination of the index on due deliveries and the (few) paused destinations, and from the destinations'
 * health as the alert monitor last read it, so a scrape reads memory, never the database, however
 * often it comes. Every destination that is declared or was ever attempted, and every one seen with
 * undelivered deliveries, reports all its series (0 when it has nothing), so that they never vanish. The
 * figures are the database's: with several instances, each reports the same numbers (aggregate with max, not sum).
 * The latest refresh is also kept as a {@link BacklogSnapshot} for health and alerts.
 */
@Component
public class DeliveryCountGauges extends PeriodicTask {

    public static final String METRIC = "paymentflow.deliveries";
    public static final String OLDEST_DUE_METRIC = "paymentflow.deliveries.oldest.due.age";
    public static final String PAUSED_METRIC = "paymentflow.destination.paused";
    public static final String FAILING_METRIC = "paymentflow.destination.failing.duration";

    private record Series(String destination, String status) {
    }

    private final DeliveryOperationsRepository repository;
    private final DeliveryDestinations declared;
    private final DestinationPauses pauses;
    private final DestinationHealthRecorder health;
    private final MeterRegistry meters;
    private final Duration refreshInterval;
    private final Map<Series, AtomicLong> values = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> oldestDueMillis = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> pausedFlags = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failingMillis = new ConcurrentHashMap<>();
    private volatile BacklogSnapshot latest;
    private final Set<String> destinations = ConcurrentHashMap.newKeySet();
    private volatile boolean knowsEarlierDestinations;

    public DeliveryCountGauges(DeliveryOperationsRepository repository, DeliveryDestinations declared,
            DestinationPauses pauses, DestinationHealthRecorder health, MeterRegistry meters,
            @Value("${paymentflow.metrics.delivery-counts-refresh:5s}") Duration refreshInterval) {
        super("delivery-count-gauges");
        this.refreshInterval = refreshInterval;
        this.repository = repository;
        this.declared = declared;
        this.pauses = pauses;
        this.health = health;
        this.meters = meters;
    }

    /** Reads the counts and ages once and sets every gauge from them. */
    public void refresh() {
        if (!knowsEarlierDestinations) {
            // once per process: the counts below only name destinations that have something undelivered
            destinations.addAll(repository.destinations());
            knowsEarlierDestinations = true;
        }
        destinations.addAll(declared.names());
        List<StatusCount> counts = repository.countUndelivered();
        Map<Series, Long> fresh = new HashMap<>();
        for (StatusCount count : counts) {
            fresh.put(new Series(count.destination(), count.status()), count.count());
            destinations.add(count.destination());
        }
        Map<String, Duration> ages = repository.oldestDueAges(destinations);
        Set<String> paused = pauses.all().keySet();
        // as the alert monitor last recorded and read it (every check-interval): no query of its own
        Map<String, DestinationHealth> outcomes = health.latest();
        Map<String, DestinationBacklog> backlogs = new TreeMap<>();
        for (String destination : destinations) {
            for (String status : DeliveryStatuses.UNDELIVERED) {
                Series series = new Series(destination, status);
                gauge(series).set(fresh.getOrDefault(series, 0L));
            }
            Duration oldestDue = ages.getOrDefault(destination, Duration.ZERO);
            oldestDueGauge(destination).set(oldestDue.toMillis());
            pausedGauge(destination).set(paused.contains(destination) ? 1 : 0);
            DestinationHealth outcome = outcomes.get(destination);
            failingGauge(destination).set(outcome == null ? 0 : outcome.failingFor().toMillis());
            backlogs.put(destination, new DestinationBacklog(destination,
                    fresh.getOrDefault(new Series(destination, "pending"), 0L),
                    fresh.getOrDefault(new Series(destination, "failed"), 0L),
                    fresh.getOrDefault(new Series(destination, "dead"), 0L), oldestDue));
        }
        latest = new BacklogSnapshot(Collections.unmodifiableMap(backlogs));
    }

    /** The figures of the latest successful refresh; empty until the first. */
    public Optional<BacklogSnapshot> latest() {
        return Optional.ofNullable(latest);
    }

    private AtomicLong oldestDueGauge(String destination) {
        return secondsGauge(oldestDueMillis, OLDEST_DUE_METRIC, "How long the oldest due delivery (pending or failed, "
                + "its next attempt in the past) has been waiting, by destination; 0 when nothing is due", destination);
    }

    /**
     * Prometheus' rule reads the failing time the service's own alert reads: an attempt each backoff apart, hours
     * late in the schedule, still counts as failing all along.
     */
    private AtomicLong failingGauge(String destination) {
        return secondsGauge(failingMillis, FAILING_METRIC, "How long attempts to the destination have failed without "
                + "a success, by every instance together; 0 while its latest outcome is a success", destination);
    }

    /** A gauge in seconds per destination, kept in milliseconds. */
    private AtomicLong secondsGauge(Map<String, AtomicLong> gauges, String metric, String description,
                                    String destination) {
        return gauges.computeIfAbsent(destination, key -> {
            AtomicLong millis = new AtomicLong();
            Gauge.builder(metric, millis, value -> value.get() / 1000.0)
                    .description(description)
                    .baseUnit("seconds")
                    .tag("destination", key)
                    .register(meters);
            return millis;
        });
    }

    private AtomicLong pausedGauge(String destination) {
        return pausedFlags.computeIfAbsent(destination, key -> {
            AtomicLong flag = new AtomicLong();
            Gauge.builder(PAUSED_METRIC, flag, AtomicLong::get)
                    .description("1 while an operator has paused deliveries to the destination, else 0")
                    .tag("destination", key)
                    .register(meters);
            return flag;
        });
    }

    private AtomicLong gauge(Series series) {
        return values.computeIfAbsent(series, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(METRIC, value, AtomicLong::get)
                    .description("Deliveries not delivered, by destination and status")
                    .tag("destination", key.destination())
                    .tag("status", key.status())
                    .register(meters);
            return value;
        });
    }

    @Override
    protected Duration interval() {
        return refreshInterval;
    }

    /**
     * The first figures once the routes (which declare the destinations) have started, and before the service
     * reports itself ready, so that its first scrape has every series, and health and alerts their figures. If the
     * database cannot give them yet, the refreshes that follow try again (and log it).
     */
    @EventListener(ApplicationStartedEvent.class)
    public void countBeforeReady() {
        try {
            refresh();
        } catch (RuntimeException notYet) {
            // the next refresh, an interval from now, tries again and logs its failure
        }
    }

    @Override
    protected void runPeriodically() {
        refresh();
    }

    /** The gauges keep their last values meanwhile. */
    @Override
    protected String failureLine(RuntimeException failure) {
        return "Delivery counts not refreshed, the gauges keep their last values until they are: "
                + failure.getMessage();
    }

    @Override
    protected String recoveryLine() {
        return "Delivery counts refreshed again";
    }
}
