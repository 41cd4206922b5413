package com.example.paymentflow.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.example.paymentflow.background.PeriodicTask;
import com.example.paymentflow.operations.DestinationHealthRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.NestedExceptionUtils;

/**
 * Looks at every alert condition each {@code paymentflow.alerts.check-interval}, on a thread of its own: first
 * whether the database answers, and the conditions this instance sees alone (signature refusals); then, if the
 * database answered, it records the destinations' outcomes and looks at the conditions all instances share
 * (dead deliveries, failing destinations, backlog).
 */
public class AlertMonitor extends PeriodicTask {

    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 100;
    private static final Logger LOG = LoggerFactory.getLogger(AlertMonitor.class);

    private final DatabaseReachability database;
    private final List<AlertCheck> local;
    private final DestinationHealthRecorder destinations;
    private final List<AlertCheck> shared;
    private final Duration interval;
    private final Clock clock;
    /** the last failure of each check, so that one failing every interval is logged once, not every time */
    private final Map<String, String> failures = new HashMap<>();

    AlertMonitor(DatabaseReachability database, List<AlertCheck> local, DestinationHealthRecorder destinations,
                 List<AlertCheck> shared, Duration interval, Clock clock) {
        super("alert-checks");
        this.database = database;
        this.local = List.copyOf(local);
        this.destinations = destinations;
        this.shared = List.copyOf(shared);
        this.interval = interval;
        this.clock = clock;
    }

    /** One round of every check. */
    void checkAll() {
        Instant now = clock.instant();
        boolean reachable = run("database", () -> database.check(now));
        local.forEach(check -> run(check.getClass().getSimpleName(), () -> check.check(now)));
        if (reachable && run("destination health", destinations::record)) {
            shared.forEach(check -> run(check.getClass().getSimpleName(), () -> check.check(now)));
        }
    }

    private boolean run(String name, java.util.function.BooleanSupplier check) {
        try {
            boolean result = check.getAsBoolean();
            if (failures.remove(name) != null) {
                LOG.info("Alert check {} works again", name);
            }
            return result;
        } catch (RuntimeException failure) {
            String message = NestedExceptionUtils.getMostSpecificCause(failure).toString();
            if (!message.equals(failures.put(name, message))) {
                LOG.warn("Alert check {} failed, trying again every {} s: {}", name, interval.toSeconds(), message);
            }
            return false;
        }
    }

    private boolean run(String name, Runnable check) {
        return run(name, () -> {
            check.run();
            return true;
        });
    }

    @Override
    protected Duration interval() {
        return interval;
    }

    @Override
    protected void runPeriodically() {
        checkAll();
    }

    /** Not with the other lifecycle beans: the checks begin once the application, Camel included, is ready. */
    @Override
    public boolean isAutoStartup() {
        return false;
    }

    /**
     * Begins the checks. Before, the pollers have not run: a backlog left from before a restart would be
     * reported though it is about to be delivered.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void applicationReady() {
        start();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
