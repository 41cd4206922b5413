package com.example.paymentflow.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.example.paymentflow.operations.DestinationControl;
import com.example.paymentflow.support.CapturedLog;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RecordingErp;
import com.example.paymentflow.support.RefusingTrigger;
import com.example.paymentflow.support.RunningService;
import com.example.paymentflow.support.TestPostgres;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How hard and how fast the service calls a destination: at most max-concurrency attempts at once, at most
 * max-rate-per-second (both for all instances on the database together), and at once when work arrives, not at the
 * next poll.
 */
class DeliveryLimitsTest {

    @Test
    void noMoreAttemptsAtOnceThanTheDestinationsMaxConcurrency() {
        try (RecordingErp erp = new RecordingErp(Duration.ofMillis(200));
             RunningService service = RunningService.start(TestPostgres.get().createDatabase(),
                     "paymentflow.erp.url=" + erp.url(),
                     "paymentflow.delivery.destinations.erp.max-concurrency=3")) {
            sendPayments(service, 15);

            await().atMost(Duration.ofSeconds(60)).until(() -> erp.requests() == 15);

            assertThat(erp.mostAtOnce()).isEqualTo(3);
        }
    }

    @Test
    void aSlowAttemptHoldsUpNoOtherDelivery() {
        try (RecordingErp erp = new RecordingErp(Duration.ZERO);
             RunningService service = RunningService.start(TestPostgres.get().createDatabase(),
                     "paymentflow.erp.url=" + erp.url(),
                     // longer than the slow answer: its attempt must not be taken for a dead one
                     "paymentflow.delivery.lease=1m",
                     "paymentflow.delivery.destinations.erp.max-concurrency=4")) {
            ObjectNode slow = PaymentEvents.event("payment.succeeded");
            erp.answerSlowly(PaymentEvents.id(slow), Duration.ofSeconds(15));
            assertThat(service.paymentflow().send(slow).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> erp.requests() == 1);

            List<String> others = sendPayments(service, 12);

            // all delivered while the slow one's answer is still outstanding: it holds one of the 4 places only
            await().atMost(Duration.ofSeconds(12)).until(() -> service.jdbc().queryForObject("SELECT count(*) "
                    + "FROM deliveries WHERE destination = 'erp' AND status = 'delivered'", Integer.class) == 12);
            assertThat(erpStatusOf(service, PaymentEvents.id(slow))).isEqualTo("pending");
            await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(erpStatusOf(service,
                    PaymentEvents.id(slow))));
            assertThat(erp.requests()).isEqualTo(1 + others.size());
            assertThat(service.jdbc().queryForObject("SELECT sum(attempts) FROM deliveries WHERE destination = 'erp'",
                    Integer.class)).isEqualTo(1 + others.size());
        }
    }

    @Test
    void theMaxConcurrencyHoldsForAllInstancesOnTheDatabaseTogether() {
        try (RecordingErp erp = new RecordingErp(Duration.ofMillis(300))) {
            deliverThroughTwoInstances(erp, "paymentflow.delivery.destinations.erp.max-concurrency=3");

            // each instance on its own would have 3 at once, 6 in all
            assertThat(erp.mostAtOnce()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void noMoreAttemptsPerSecondThanTheDestinationsMaxRate() {
        try (RecordingErp erp = new RecordingErp(Duration.ZERO);
             RunningService service = RunningService.start(TestPostgres.get().createDatabase(),
                     "paymentflow.erp.url=" + erp.url(),
                     "paymentflow.delivery.destinations.erp.max-rate-per-second=4")) {
            long start = System.nanoTime();
            sendPayments(service, 12);

            await().atMost(Duration.ofSeconds(60)).until(() -> erp.requests() == 12);

            // 4 a second: at most 4 in one refresh period, so at most 8 across the turn of a period; 12 need the
            // permits of three periods, so two turns of a period at least, a second apart
            assertThat(erp.mostArrivalsWithin(Duration.ofSeconds(1))).isLessThanOrEqualTo(8);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void theMaxRateHoldsForAllInstancesOnTheDatabaseTogether() {
        try (RecordingErp erp = new RecordingErp(Duration.ZERO)) {
            deliverThroughTwoInstances(erp, "paymentflow.delivery.destinations.erp.max-rate-per-second=4");

            // 4 a second for both instances together: 24 need the attempts of six windows, so the first and the
            // last at least four seconds apart (each instance on its own would make it two or three)
            assertThat(erp.mostArrivalsWithin(Duration.ofSeconds(1))).isLessThanOrEqualTo(8);
            assertThat(erp.firstToLast()).isGreaterThan(Duration.ofMillis(3500));
        }
    }

    @Test
    void aDestinationThatFailsEveryAttemptIsLeftAloneAfterARunOfFailures() {
        try (RecordingErp erp = new RecordingErp(Duration.ZERO, 503);
             RunningService service = RunningService.start(TestPostgres.get().createDatabase(),
                     "paymentflow.erp.url=" + erp.url(),
                     "paymentflow.delivery.circuit-breaker.failures=4",
                     "paymentflow.delivery.circuit-breaker.open-for=1h",
                     // one attempt at a time, so that the count is exact: a batch claimed while the circuit was
                     // still closed is attempted in full (on a loaded machine one took the ERP past 4)
                     "paymentflow.delivery.destinations.erp.max-concurrency=1")) {
            List<String> events = sendPayments(service, 10);

            await().atMost(Duration.ofSeconds(30)).until(() -> erp.requests() == 4);
            // left alone: the other deliveries wait with no attempt counted, and the ERP hears nothing more
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> erp.requests() == 4);
            assertThat(service.jdbc().queryForObject("SELECT sum(attempts) FROM deliveries WHERE destination = 'erp'",
                    Integer.class)).isEqualTo(4);
            assertThat(service.jdbc().queryForObject("SELECT count(*) FROM deliveries WHERE destination = 'ledger' "
                    + "AND status = 'delivered'", Integer.class)).isEqualTo(events.size());
            assertThat(circuitOf(service, "erp")).isEqualTo("open");
        }
    }

    @Test
    void aProbeOfTheCircuitThatTheDatabaseFailsIsGivenBackAndDeliveriesResumeWithTheDatabase() {
        try (RecordingErp erp = new RecordingErp(Duration.ZERO);
             RunningService service = RunningService.start(TestPostgres.get().createDatabase(),
                     "paymentflow.erp.url=" + erp.url(),
                     "paymentflow.delivery.circuit-breaker.failures=2",
                     "paymentflow.delivery.circuit-breaker.open-for=200ms",
                     "paymentflow.delivery.circuit-breaker.max-open-for=1h",
                     "paymentflow.delivery.retry.initial-delay=100ms",
                     "paymentflow.delivery.retry.max-delay=200ms")) {
            JdbcTemplate jdbc = service.jdbc();
            List<String> events;
            try (RefusingTrigger closedLedger = RefusingTrigger.refuse(jdbc, "ledger_entries", "object_id", "pay_",
                    "the ledger is closed")) {
                events = sendPayments(service, 3);
                await().atMost(Duration.ofSeconds(30)).until(() -> "open".equals(circuitOf(service, "ledger")));
                // the next probe's claim (or the recording of its outcome) fails: its permit must come back
                try (CapturedLog log = CapturedLog.start();
                     RefusingTrigger noClaims = RefusingTrigger.refuseUpdates(jdbc, "deliveries", "destination",
                             "ledger", "the database is read-only for now")) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> !log.linesMentioning(
                            "Deliveries to ledger: could not").isEmpty());
                }
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT count(*) FROM deliveries "
                    + "WHERE destination = 'ledger' AND status = 'delivered'", Integer.class) == events.size());
            assertThat(circuitOf(service, "ledger")).isEqualTo("closed");
        }
    }

    @Test
    void newWorkIsDeliveredWithoutWaitingForThePollInterval() {
        try (RecordingErp erp = new RecordingErp(Duration.ZERO);
             RunningService service = RunningService.start(TestPostgres.get().createDatabase(),
                     "paymentflow.erp.url=" + erp.url(), "paymentflow.delivery.poll-interval=1h")) {
            ObjectNode event = PaymentEvents.event("payment.succeeded");
            assertThat(service.paymentflow().send(event).body()).isEqualTo("Webhook received");

            await().atMost(Duration.ofSeconds(20)).until(() -> service.jdbc().queryForObject(
                    "SELECT count(*) FROM deliveries WHERE event_id = ? AND status = 'delivered'", Integer.class,
                    PaymentEvents.id(event)) == 2);
        }
    }

    /**
     * Two instances on one database with this limit, each receiving half of 24 payments (and woken up to deliver
     * them); returns once the ERP has had one request for each, and each was attempted once.
     */
    private static void deliverThroughTwoInstances(RecordingErp erp, String limit) {
        String database = TestPostgres.get().createDatabase();
        String[] settings = {"paymentflow.erp.url=" + erp.url(), "paymentflow.delivery.poll-interval=100ms", limit};
        try (RunningService first = RunningService.start(database, settings);
             RunningService second = RunningService.start(database, settings)) {
            for (int i = 0; i < 12; i++) {
                sendPayments(first, 1);
                sendPayments(second, 1);
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> erp.requests() == 24);

            assertThat(first.jdbc().queryForObject("SELECT sum(attempts) FROM deliveries WHERE destination = 'erp'",
                    Integer.class)).isEqualTo(24);
        }
    }

    private static String erpStatusOf(RunningService service, String eventId) {
        return service.jdbc().queryForObject("SELECT status FROM deliveries WHERE destination = 'erp' AND event_id = ?",
                String.class, eventId);
    }

    private static String circuitOf(RunningService service, String destination) {
        return service.bean(DestinationControl.class).list().get("destinations").stream()
                .filter(candidate -> candidate.name().equals(destination)).findFirst().orElseThrow().circuit();
    }

    private static List<String> sendPayments(RunningService service, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode event = PaymentEvents.event("payment.succeeded");
            assertThat(service.paymentflow().send(event).statusCode()).isEqualTo(200);
            ids.add(PaymentEvents.id(event));
        }
        return ids;
    }
}
