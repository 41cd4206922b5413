package com.example.paymentflow.scheduling;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Work done again and again on a daemon thread of its own, a fixed delay after each round ends, from the
 * application's start to its stop. A round that fails is reported by {@link #failed} and the next one runs as
 * planned.
 */
public abstract class PeriodicWork implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicWork.class);

    private final String threadName;
    private final Duration firstDelay;
    private final Duration delay;
    private ScheduledExecutorService executor;

    protected PeriodicWork(String threadName, Duration firstDelay, Duration delay) {
        this.threadName = threadName;
        this.firstDelay = firstDelay;
        this.delay = delay;
    }

    /** One round of the work. */
    protected abstract void runOnce();

    /** Reports a round that failed: one line, not a stack trace every round. */
    protected void failed(RuntimeException failure) {
        LOG.warn("{} failed, will run again: {}", threadName, failure.toString());
    }

    /** Runs a round now, besides the planned ones (not at the same time: there is one thread). */
    protected synchronized void runSoon() {
        if (executor != null) {
            executor.execute(this::runReportingFailure);
        }
    }

    private void runReportingFailure() {
        try {
            runOnce();
        } catch (RuntimeException failure) {
            failed(failure);
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runReportingFailure, firstDelay.toMillis(), delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
