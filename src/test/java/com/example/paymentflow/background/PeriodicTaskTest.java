package com.example.paymentflow.background;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
