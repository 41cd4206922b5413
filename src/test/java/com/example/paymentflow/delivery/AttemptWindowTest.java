package com.example.paymentflow.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The places of a destination's attempts on one instance, and how their outcomes reach the recording. */
class AttemptWindowTest {

    @Test
    void aClaimWaitsUntilHalfThePlacesAreFree() {
        AttemptWindow window = new AttemptWindow(4);
        assertThat(window.room(32)).isEqualTo(4);
        assertThat(window.room(3)).isEqualTo(3);

        window.started(3);
        assertThat(window.room(32)).isZero();

        window.finished(outcome(1), recorded -> { });
        assertThat(window.room(32)).isEqualTo(2);
        window.freed(2);
        assertThat(window.room(32)).isEqualTo(4);
    }

    @Test
    void outcomesThatFinishDuringARecordingAreRecordedTogetherAfterIt() throws Exception {
        AttemptWindow window = new AttemptWindow(16);
        window.started(16);
        CountDownLatch firstRecordingUnderWay = new CountDownLatch(1);
        CountDownLatch letFirstRecordingEnd = new CountDownLatch(1);
        List<List<Long>> recordings = new ArrayList<>();
        Consumer<List<AttemptOutcome>> record = outcomes -> {
            synchronized (recordings) {
                recordings.add(outcomes.stream().map(outcome -> outcome.delivery().id()).toList());
            }
            firstRecordingUnderWay.countDown();
            await(letFirstRecordingEnd);
        };

        Thread first = new Thread(() -> window.finished(outcome(1), record));
        first.start();
        await(firstRecordingUnderWay);
        // the others find a recording under way: they leave their outcomes to it and go on at once
        List<Thread> others = new ArrayList<>();
        for (long id = 2; id <= 16; id++) {
            long delivery = id;
            Thread other = new Thread(() -> window.finished(outcome(delivery), record));
            other.start();
            others.add(other);
        }
        for (Thread other : others) {
            other.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(other.isAlive()).isFalse();
        }
        assertThat(window.room(32)).isZero();
        letFirstRecordingEnd.countDown();
        first.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(recordings).hasSize(2);
        assertThat(recordings.get(0)).containsExactly(1L);
        assertThat(recordings.get(1)).containsExactlyInAnyOrder(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L,
                14L, 15L, 16L);
        assertThat(window.room(32)).isEqualTo(16);
    }

    private static AttemptOutcome outcome(long deliveryId) {
        return AttemptOutcome.delivered(new Delivery(deliveryId, UUID.randomUUID(), "evt_" + deliveryId, "erp", 1,
                Instant.now(), new byte[0]));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
