package com.example.paymentflow.background;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;

/**
 * Work done every interval on a daemon thread of its own, from the application's start to its stop. The work
 * must not throw: an exception would end the schedule.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private static final Duration LAST_RUN_WAIT = Duration.ofSeconds(5);

    private final String threadName;
    private ScheduledExecutorService scheduler;

    protected PeriodicTask(String threadName) {
        this.threadName = threadName;
    }

    protected abstract Duration interval();

    /** How long after the start the first interval's work runs; an interval by default. */
    protected Duration firstRunAfter() {
        return interval();
    }

    /** The work of each interval. */
    protected abstract void runPeriodically();

    /** Done once at start, on the starting thread, before the first interval. */
    protected void onStart() {
    }

    /** Done once at stop, after the last interval's work has ended (or has had five seconds to). */
    protected void onStop() {
    }

    @Override
    public final synchronized void start() {
        onStart();
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::runPeriodically, firstRunAfter().toMillis(), millis,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public final void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            if (scheduler == null) {
                return;
            }
            stopping = scheduler;
            scheduler = null;
        }
        stopping.shutdownNow();
        try {
            // the interval's work under way ends first (bounded: work blocked past an interrupt is left behind)
            stopping.awaitTermination(LAST_RUN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        onStop();
    }

    @Override
    public final synchronized boolean isRunning() {
        return scheduler != null;
    }
}
