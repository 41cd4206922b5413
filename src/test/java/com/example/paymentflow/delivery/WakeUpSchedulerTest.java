package com.example.paymentflow.delivery;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A poller's scheduler runs one polling thread, also when it is stopped and started while a poll is running. */
class WakeUpSchedulerTest {

    @Test
    void aStopAndAStartDuringAPollLeaveOnePollingThread() throws InterruptedException {
        WakeUpScheduler scheduler = new WakeUpScheduler(new DeliveryWakeUps(properties()));
        scheduler.setDestination("restarted");
        CountDownLatch pollRunning = new CountDownLatch(1);
        CountDownLatch finishPoll = new CountDownLatch(1);
        AtomicInteger polls = new AtomicInteger();
        scheduler.scheduleTask(() -> {
            if (polls.incrementAndGet() == 1) {
                pollRunning.countDown();
                await().atMost(Duration.ofSeconds(10)).until(() -> finishPoll.getCount() == 0);
            }
        });
        try {
            scheduler.startScheduler();
            scheduler.wakeUp();
            assertThat(pollRunning.await(10, TimeUnit.SECONDS)).isTrue();

            scheduler.unscheduleTask();
            scheduler.startScheduler();
            finishPoll.countDown();

            await().atMost(Duration.ofSeconds(10)).until(() -> pollingThreads() == 1);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> pollingThreads() == 1);
        } finally {
            scheduler.unscheduleTask();
        }
    }

    private static long pollingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("restarted-delivery-poller") && thread.isAlive()).count();
    }

    private static DeliveryProperties properties() {
        return TestDeliveryProperties.with(Duration.ofMillis(50), TestDeliveryProperties.RETRY, 1.0);
    }
}
