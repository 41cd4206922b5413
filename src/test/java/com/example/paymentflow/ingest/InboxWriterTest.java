package com.example.paymentflow.ingest;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import com.example.paymentflow.support.EndToEndTest;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RefusingTrigger;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events that arrive together are stored together (ingest/InboxWriter.java), and still answered one by one as if
 * each had been stored alone: the test holds every writer on a lock while a dozen events queue up, then lets go.
 */
class InboxWriterTest extends EndToEndTest {

    private static final String RECEIVED = "Webhook received";
    private static final String DUPLICATE = "Event already processed";

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Autowired
    WebhookProperties webhook;

    private final ExecutorService senders = Executors.newFixedThreadPool(16);

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    @Test
    void eventsQueuedTogetherAreStoredInFewStatementsAndAnsweredEachAsAlone() throws Exception {
        ObjectNode refused = PaymentEvents.event("payment.succeeded", PaymentEvents.newId("evt_refused_"),
                PaymentEvents.newId("pay_"), 100, "customer@example.com");
        int paymentDeliveries = deliveriesOfAnEventAlone("payment.succeeded");
        int refundDeliveries = deliveriesOfAnEventAlone("refund.created");
        try (RefusingTrigger trigger = RefusingTrigger.refuse(jdbc, "inbound_events", "event_id", "evt_refused_",
                "refused by the table's owner")) {
            ObjectNode sentTwice = PaymentEvents.event("payment.succeeded");
            List<ObjectNode> others = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                others.add(PaymentEvents.event(i % 3 == 0 ? "refund.created" : "payment.succeeded"));
            }
            DistributionSummary batches = meters.get("paymentflow.webhook.store.batch").summary();
            long statementsBefore = batches.count();

            List<CompletableFuture<HttpResponse<String>>> blockers;
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            try (Connection holder = dataSource.getConnection()) {
                List<ObjectNode> blocking = new ArrayList<>();
                for (int i = 0; i < webhook.storeWriters(); i++) {
                    blocking.add(PaymentEvents.event("payment.succeeded"));
                }
                holdKeys(holder, blocking);
                blockers = blocking.stream().map(this::sendLater).toList();
                eventually().until(() -> sessionsWaitingForALock() == webhook.storeWriters());

                answers.add(sendLater(refused));
                answers.add(sendLater(sentTwice));
                answers.add(sendLater(sentTwice));
                others.forEach(event -> answers.add(sendLater(event)));
                eventually().until(() -> meters.get("paymentflow.webhook.store.waiting").gauge().value() == 12);
                holder.rollback();
            }

            for (CompletableFuture<HttpResponse<String>> blocker : blockers) {
                assertThat(blocker.get().body()).isEqualTo(RECEIVED);
            }
            HttpResponse<String> refusal = answers.get(0).get();
            assertThat(refusal.statusCode()).isEqualTo(500);
            assertThat(refusal.body()).isEqualTo("Internal error: the event was not stored, please retry");
            assertThat(List.of(answers.get(1).get().body(), answers.get(2).get().body()))
                    .containsExactlyInAnyOrder(RECEIVED, DUPLICATE);
            for (CompletableFuture<HttpResponse<String>> answer : answers.subList(3, answers.size())) {
                assertThat(answer.get().statusCode()).isEqualTo(200);
                assertThat(answer.get().body()).isEqualTo(RECEIVED);
            }
            // one statement per blocker, the queued dozen in one per writer at most (each may take a part)
            assertThat(batches.count() - statementsBefore).isBetween(webhook.storeWriters() + 1L,
                    2L * webhook.storeWriters());

            assertThat(storedEvents(PaymentEvents.id(refused))).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_keys WHERE message_id = ?",
                    Integer.class, PaymentEvents.id(refused))).isZero();
            assertThat(storedEvents(PaymentEvents.id(sentTwice))).isEqualTo(1);
            for (ObjectNode event : others) {
                assertThat(storedEvents(PaymentEvents.id(event))).isEqualTo(1);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM deliveries WHERE event_id = ?", Integer.class,
                        PaymentEvents.id(event))).isEqualTo(event.get("type").asText().equals("refund.created")
                        ? refundDeliveries : paymentDeliveries);
                // the operations API orders and filters undelivered deliveries by their created_at, as by their
                // events' receipt (operations/DeliveryOperationsRepository.java)
                assertThat(jdbc.queryForObject("""
                        SELECT count(*) FROM deliveries d JOIN inbound_events e ON e.event_id = d.event_id
                        WHERE d.event_id = ? AND d.created_at <> e.received_at""", Integer.class,
                        PaymentEvents.id(event))).isZero();
            }
        }
        // once the table's owner lets it in, PaymentFlow's retry of the refused event is stored
        assertThat(paymentflow.send(refused).body()).isEqualTo(RECEIVED);
    }

    private void holdKeys(Connection holder, List<ObjectNode> events) throws Exception {
        holder.setAutoCommit(false);
        try (PreparedStatement insert = holder.prepareStatement(
                "INSERT INTO idempotency_keys (processor_name, message_id) VALUES (?, ?)")) {
            for (ObjectNode event : events) {
                insert.setString(1, InboxRepository.PROCESSOR);
                insert.setString(2, PaymentEvents.id(event));
                insert.executeUpdate();
            }
        }
    }

    private CompletableFuture<HttpResponse<String>> sendLater(ObjectNode event) {
        return CompletableFuture.supplyAsync(() -> paymentflow.send(event), senders);
    }

    private int sessionsWaitingForALock() {
        return jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock'", Integer.class);
    }

    /** How many deliveries the routing table gives an event of the type, stored alone. */
    private int deliveriesOfAnEventAlone(String type) {
        ObjectNode alone = PaymentEvents.event(type);
        assertThat(paymentflow.send(alone).body()).isEqualTo(RECEIVED);
        return jdbc.queryForObject("SELECT count(*) FROM deliveries WHERE event_id = ?", Integer.class,
                PaymentEvents.id(alone));
    }
}
