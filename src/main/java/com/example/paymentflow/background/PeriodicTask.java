package com.example.paymentflow.background;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.ClassUtils;

/**
 * Work done every interval on a daemon thread of its own, from the application's start to its stop. Work that
 * fails (throws) is tried again at the next interval; a run of failures, such as a database outage, is logged as one
 * line when it begins and one when the work succeeds again, not as a line every interval.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private static final Duration LAST_RUN_WAIT = Duration.ofSeconds(5);

    private final String threadName;
    private final Logger log = LoggerFactory.getLogger(ClassUtils.getUserClass(getClass()));
    private ScheduledExecutorService scheduler;
    // in a run of failures: its first is logged, and its end
    private volatile boolean failing;

    protected PeriodicTask(String threadName) {
        this.threadName = threadName;
    }

    protected abstract Duration interval();

    /** How long after the start the first interval's work runs; an interval by default. */
    protected Duration firstRunAfter() {
        return interval();
    }

    /** The work of each interval; it may throw (see {@link #failureLine}). */
    protected abstract void runPeriodically();

    /** The WARN line when the work begins to fail: what failed and what holds meanwhile. */
    protected String failureLine(RuntimeException failure) {
        return threadName + " failed, trying again every " + interval().toMillis() + " ms (one line until it works "
                + "again): " + failure;
    }

    /** The INFO line when the work succeeds after failing. */
    protected String recoveryLine() {
        return threadName + " works again";
    }

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
        scheduler.scheduleWithFixedDelay(this::run, firstRunAfter().toMillis(), millis, TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            runPeriodically();
            if (failing) {
                failing = false;
                log.info(recoveryLine());
            }
        } catch (RuntimeException failure) {
            if (!failing) {
                failing = true;
                log.warn(failureLine(failure));
            }
        }
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
