package com.example.paymentflow.operations;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Gauges {@value #METRIC} tagged destination and status (pending, failed, dead). A thread of their own refreshes
 * them from one grouped COUNT every {@code paymentflow.metrics.delivery-counts-refresh}, so a scrape reads memory,
 * never the database, however often it comes. Every destination that has deliveries at startup, and every one
 * seen with undelivered deliveries since, reports all three statuses (0 when it has none), so that its series
 * never vanish. The counts are the database's: with several instances, each reports the same numbers (aggregate
 * with max, not sum).
 */
@Component
public class DeliveryCountGauges implements SmartLifecycle {

    public static final String METRIC = "paymentflow.deliveries";
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryCountGauges.class);

    private record Series(String destination, String status) {
    }

    private final DeliveryOperationsRepository repository;
    private final MeterRegistry meters;
    private final Duration refreshInterval;
    private final Map<Series, AtomicLong> values = new ConcurrentHashMap<>();
    private final Set<String> destinations = ConcurrentHashMap.newKeySet();
    private volatile boolean knowsEarlierDestinations;
    private ScheduledExecutorService refresher;

    public DeliveryCountGauges(DeliveryOperationsRepository repository, MeterRegistry meters,
            @Value("${paymentflow.metrics.delivery-counts-refresh:5s}") Duration refreshInterval) {
        this.repository = repository;
        this.meters = meters;
        this.refreshInterval = refreshInterval;
    }

    /** Reads the counts once and sets every gauge from them. */
    public void refresh() {
        if (!knowsEarlierDestinations) {
            // once per process: the counts below only name destinations that have something undelivered
            destinations.addAll(repository.destinations());
            knowsEarlierDestinations = true;
        }
        List<StatusCount> counts = repository.countUndelivered();
        Map<Series, Long> fresh = new HashMap<>();
        for (StatusCount count : counts) {
            fresh.put(new Series(count.destination(), count.status()), count.count());
            destinations.add(count.destination());
        }
        for (String destination : destinations) {
            for (String status : DeliveryStatuses.UNDELIVERED) {
                Series series = new Series(destination, status);
                gauge(series).set(fresh.getOrDefault(series, 0L));
            }
        }
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

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // the gauges keep their last values; one line, not a stack trace every few seconds
            LOG.warn("Delivery counts not refreshed, will try again: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "delivery-count-gauges");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return refresher != null;
    }
}
