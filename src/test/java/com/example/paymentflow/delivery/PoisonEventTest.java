package com.example.paymentflow.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.paymentflow.support.CapturedLog;
import com.example.paymentflow.support.EndToEndTest;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RefusingTrigger;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Genuine events that a destination can never take, or not for now, on the real database: each failed attempt is
 * recorded with backoff, outside the transaction PostgreSQL aborted; data errors are dead at once with a readable
 * reason; nothing loops, the log stays short, and other events keep flowing.
 */
class PoisonEventTest extends EndToEndTest {

    @Test
    void aNulCharacterInTheRefundIdMakesItsDeliveriesDeadAtOnceWithTheReason() {
        ObjectNode refund = PaymentEvents.event("refund.created");
        ((ObjectNode) refund.get("data").get("object")).put("id", "re_\u0000x");

        // the ERP gets no id that the ledger could not book
        assertDeadAtOnceWhileOthersFlow(refund, "data.object.id contains control characters", "ledger", "erp");
        assertThat(erpRequestsMentioning(PaymentEvents.id(refund))).isEmpty();
    }

    @Test
    void aCreatedTimeOutOfRangeMakesItsDeliveriesDeadAtOnceWithTheReason() {
        ObjectNode payment = PaymentEvents.event("payment.succeeded");
        payment.put("created", 99_999_999_999_999L);

        assertDeadAtOnceWhileOthersFlow(payment, "created is out of range", "ledger", "erp");
        assertThat(erpRequestsMentioning(PaymentEvents.id(payment))).isEmpty();
    }

    @Test
    void aCheckConstraintOfTheLedgersOwnerMakesTheBookingDeadAtOnceWithItsSqlState() {
        jdbc.execute("ALTER TABLE ledger_entries ADD CONSTRAINT poison_test_unbookable"
                + " CHECK (object_id NOT LIKE 'pay\\_unbookable\\_%') NOT VALID");
        try {
            ObjectNode payment = PaymentEvents.event("payment.succeeded", PaymentEvents.newId("evt_"),
                    PaymentEvents.newId("pay_unbookable_"), 2999, "customer@example.com");

            assertDeadAtOnceWhileOthersFlow(payment, "the database refused the data for good (SQLSTATE 23514", "ledger");
            eventually().until(() -> "delivered".equals(deliveryStates(PaymentEvents.id(payment)).get("erp")));
        } finally {
            jdbc.execute("ALTER TABLE ledger_entries DROP CONSTRAINT poison_test_unbookable");
        }
    }

    @Test
    void aTriggerThatRefusesTheBookingIsRetriedWithBackoffAndTheEventIsBookedOnceItIsDropped() {
        RefusingTrigger trigger = RefusingTrigger.refuse(jdbc, "ledger_entries", "object_id", "pay_poison_",
                "the ledger is closed for the audit");
        ObjectNode poison = PaymentEvents.event("payment.succeeded", PaymentEvents.newId("evt_"),
                PaymentEvents.newId("pay_poison_"), 2999, "customer@example.com");
        String poisonId = PaymentEvents.id(poison);

        try (trigger; CapturedLog log = CapturedLog.start()) {
            // the poison and good events together, so that they share the ledger's batches
            List<String> good = sendTogether(poison, 5);

            eventually().until(() -> attemptsOf(poisonId) >= 2);
            Map<String, Object> ledger = delivery(poisonId, "ledger");
            assertThat(ledger.get("status")).isIn("failed", "dead");
            assertThat((String) ledger.get("last_error")).contains("P0001").contains("the ledger is closed for the audit");
            // every attempt claimed is recorded (the latest may still be running)
            eventually().until(() -> attemptLogOf(poisonId, "ledger") == attemptsOf(poisonId));
            if ("failed".equals(ledger.get("status"))) {
                assertThat(ledger.get("due_later")).isEqualTo(true);
            }
            for (String eventId : good) {
                eventually().until(() -> ledgerEntries(eventId) == 1);
            }
            assertThat(ledgerEntries(poisonId)).isZero();
            assertThat(deliveryStates(poisonId)).containsEntry("erp", "delivered");

            trigger.close();
            jdbc.update("UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = now() "
                    + "WHERE event_id = ? AND destination = 'ledger' AND status = 'dead'", poisonId);
            eventually().until(() -> "delivered".equals(deliveryStates(poisonId).get("ledger")));
            assertThat(ledgerEntries(poisonId)).isEqualTo(1);
            assertThat(log.warningsMentioning(poisonId)).hasSizeLessThanOrEqualTo(5);
        }
    }

    private void assertDeadAtOnceWhileOthersFlow(ObjectNode poison, String reason, String... deadDestinations) {
        String poisonId = PaymentEvents.id(poison);
        try (CapturedLog log = CapturedLog.start()) {
            List<String> good = sendTogether(poison, 5);

            for (String destination : deadDestinations) {
                eventually().until(() -> "dead".equals(deliveryStates(poisonId).get(destination)));
                Map<String, Object> delivery = delivery(poisonId, destination);
                assertThat(delivery.get("attempts")).isEqualTo(1);
                assertThat((String) delivery.get("last_error")).startsWith(reason);
                assertThat(delivery.get("due_later")).isEqualTo(true);
                assertThat(attemptLogOf(poisonId, destination)).isEqualTo(1);
            }
            for (String eventId : good) {
                eventually().until(() -> ledgerEntries(eventId) == 1);
            }
            assertThat(ledgerEntries(poisonId)).isZero();
            // one line per destination, or none while an earlier line of its kind opened this minute's summary
            assertThat(log.warningsMentioning(poisonId)).hasSizeLessThanOrEqualTo(deadDestinations.length);
        }
    }

    /** Sends the poison event among good payments, all before the ledger's poller gets to them; good event ids. */
    private List<String> sendTogether(ObjectNode poison, int goodEvents) {
        List<String> good = new ArrayList<>();
        for (int i = 0; i < goodEvents; i++) {
            ObjectNode event = PaymentEvents.event("payment.succeeded");
            good.add(PaymentEvents.id(event));
            if (i == goodEvents / 2) {
                assertThat(paymentflow.send(poison).body()).isEqualTo("Webhook received");
            }
            assertThat(paymentflow.send(event).body()).isEqualTo("Webhook received");
        }
        return good;
    }

    private Map<String, Object> delivery(String eventId, String destination) {
        return jdbc.queryForMap("SELECT status, attempts, last_error, next_attempt_at > now() AS due_later FROM deliveries "
                + "WHERE event_id = ? AND destination = ?", eventId, destination);
    }

    private int attemptsOf(String eventId) {
        return jdbc.queryForObject("SELECT attempts FROM deliveries WHERE event_id = ? AND destination = 'ledger'",
                Integer.class, eventId);
    }

    private int attemptLogOf(String eventId, String destination) {
        return jdbc.queryForObject("SELECT count(*) FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id "
                + "WHERE d.event_id = ? AND d.destination = ?", Integer.class, eventId, destination);
    }
}
