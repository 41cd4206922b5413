package com.example.paymentflow.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RecordingErp;
import com.example.paymentflow.support.RunningService;
import com.example.paymentflow.support.TestPostgres;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Answers first: while webhooks arrive, the pollers poll for their share of the time only. */
class ReceivingFirstTest {

    private static final long POLL_MILLIS = 20;

    @Test
    void aPollDuringWhichEventsWereStoredIsFollowedByAWaitThatLeavesThePollItsShare() {
        ReceivingFirst receivingFirst = receivingFirst(Duration.ofSeconds(1), 0.25);
        ReceivingFirst.Poll poll = receivingFirst.pollStarts();

        // a quarter of the time polling: three times as long waiting
        assertThat(receivingFirst.pauseAfter(poll, poll.startedNanos() + millis(POLL_MILLIS), poll.storedBefore() + 1))
                .isEqualTo(millis(3 * POLL_MILLIS));
    }

    @Test
    void aPollDuringWhichNothingWasStoredIsFollowedByNoWait() {
        ReceivingFirst receivingFirst = receivingFirst(Duration.ofSeconds(1), 0.25);
        ReceivingFirst.Poll poll = receivingFirst.pollStarts();

        assertThat(receivingFirst.pauseAfter(poll, poll.startedNanos() + millis(POLL_MILLIS), poll.storedBefore()))
                .isZero();
    }

    @Test
    void aSlowPollWaitsNoLongerThanThePollInterval() {
        ReceivingFirst receivingFirst = receivingFirst(Duration.ofMillis(500), 0.25);
        ReceivingFirst.Poll poll = receivingFirst.pollStarts();

        assertThat(receivingFirst.pauseAfter(poll, poll.startedNanos() + millis(1000), poll.storedBefore() + 1))
                .isEqualTo(millis(500));
    }

    @Test
    void aShareOfOneNeverWaits() {
        ReceivingFirst receivingFirst = receivingFirst(Duration.ofSeconds(1), 1.0);
        ReceivingFirst.Poll poll = receivingFirst.pollStarts();

        assertThat(receivingFirst.pauseAfter(poll, poll.startedNanos() + millis(POLL_MILLIS), poll.storedBefore() + 1))
                .isZero();
    }

    @Test
    void whileWebhooksArriveThePollersYieldAndEveryEventIsDeliveredOnce() {
        try (RecordingErp erp = new RecordingErp(Duration.ofMillis(50));
             RunningService service = RunningService.start(TestPostgres.get().createDatabase(),
                     "paymentflow.erp.url=" + erp.url(),
                     "paymentflow.delivery.share-while-receiving=0.2",
                     "paymentflow.delivery.destinations.erp.max-concurrency=1")) {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ObjectNode event = PaymentEvents.event("payment.succeeded");
                assertThat(service.paymentflow().send(event).statusCode()).isEqualTo(200);
                sent.add(PaymentEvents.id(event));
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> service.jdbc().queryForObject("SELECT count(*) "
                    + "FROM deliveries WHERE status = 'delivered'", Integer.class) == 2 * sent.size());
            // each ERP call takes 50 ms, and webhooks went on arriving meanwhile: its poller waited for them
            Counter yielded = service.bean(MeterRegistry.class).find("paymentflow.delivery.yielded")
                    .tag("destination", "erp").counter();
            assertThat(yielded).isNotNull();
            assertThat(yielded.count()).isGreaterThan(0.1);
            assertThat(erp.requests()).isEqualTo(sent.size());
            assertThat(service.jdbc().queryForObject("SELECT count(*) FROM ledger_entries", Integer.class))
                    .isEqualTo(sent.size());
        }
    }

    private static ReceivingFirst receivingFirst(Duration pollInterval, double share) {
        DeliveryProperties properties = TestDeliveryProperties.with(pollInterval, TestDeliveryProperties.RETRY, share);
        return new ReceivingFirst(new DeliveryWakeUps(properties), properties, new SimpleMeterRegistry());
    }

    private static long millis(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }
}
