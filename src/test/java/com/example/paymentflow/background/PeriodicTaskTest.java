package com.example.paymentflow.background;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.paymentflow.support.CapturedLog;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Work on a schedule: what a failing run logs, and how a stop waits for the run under way. */
class PeriodicTaskTest {

    /** Work that, interrupted, still finishes what it was doing (as a JDBC call or an SMTP send does). */
    private static final class FinishingWork extends PeriodicTask {

        final CountDownLatch started = new CountDownLatch(1);
        final AtomicBoolean running = new AtomicBoolean();
        volatile Boolean runningAtStop;

        FinishingWork() {
            super("finishing-work");
        }

        @Override
        protected Duration interval() {
            return Duration.ofMillis(10);
        }

        @Override
        protected void runPeriodically() {
            running.set(true);
            started.countDown();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                // finishes its work all the same
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
            running.set(false);
        }

        @Override
        protected void onStop() {
            runningAtStop = running.get();
        }
    }

    /** Work that fails in the runs its test chooses, as during a database outage. */
    private static final class FailingWork extends PeriodicTask {

        final AtomicInteger runs = new AtomicInteger();
        final Set<Integer> failingRuns;

        FailingWork(Set<Integer> failingRuns) {
            super("failing-work");
            this.failingRuns = failingRuns;
        }

        @Override
        protected Duration interval() {
            return Duration.ofMillis(10);
        }

        @Override
        protected void runPeriodically() {
            if (failingRuns.contains(runs.incrementAndGet())) {
                throw new IllegalStateException("the database is out of reach");
            }
        }
    }

    @Test
    void aRunOfFailuresIsLoggedOnceWhenItBeginsAndOnceWhenItEndsAndTheScheduleGoesOn() {
        FailingWork work = new FailingWork(Set.of(2, 3, 4, 5, 6, 9, 10));
        Logger logger = LoggerFactory.getLogger(FailingWork.class);
        try (CapturedLog log = CapturedLog.start()) {
            work.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> work.runs.get() >= 12);
            work.stop();

            assertThat(log.linesOf(logger)).containsExactly(
                    "failing-work failed, trying again every 10 ms (one line until it works again): "
                            + "java.lang.IllegalStateException: the database is out of reach",
                    "failing-work works again",
                    "failing-work failed, trying again every 10 ms (one line until it works again): "
                            + "java.lang.IllegalStateException: the database is out of reach",
                    "failing-work works again");
        }
    }

    @Test
    void theWorkUnderWayEndsBeforeTheStopsOwnWork() throws InterruptedException {
        FinishingWork work = new FinishingWork();
        work.start();
        assertThat(work.started.await(5, TimeUnit.SECONDS)).isTrue();

        work.stop();

        assertThat(work.runningAtStop).isFalse();
        assertThat(work.isRunning()).isFalse();
    }
}
