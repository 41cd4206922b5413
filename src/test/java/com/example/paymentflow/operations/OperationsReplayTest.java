package com.example.paymentflow.operations;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.example.paymentflow.support.CapturedLog;
import com.example.paymentflow.support.OperatorClient;
import com.example.paymentflow.support.PaymentEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import static com.example.paymentflow.support.OperatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Replays from the operations API, one by one and in bulk, and why they never double a payment. */
class OperationsReplayTest extends OperationsEndToEndTest {

    @Test
    void deadErpDeliveryReplayedOnceTheErpIsFixedIsDeliveredWithTheSameIdempotencyKey() {
        String eventId = eventDeadAtErp("payment.succeeded");
        erpAcceptsEverything();
        long erpDelivery = deliveryId(eventId, "erp");

        HttpResponse<String> answer;
        try (CapturedLog log = CapturedLog.start()) {
            answer = operator.post("/api/deliveries/" + erpDelivery + "/replay");

            // who did it, as for a pause or the off switch
            assertThat(log.linesMentioning("Delivery " + erpDelivery + " replayed by operator "
                    + OperatorClient.USERNAME)).hasSize(1);
        }
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(json(answer).get("replayed").asInt()).isEqualTo(1);
        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("erp")));
        List<LoggedRequest> erpRequests = erpRequestsMentioning(eventId);
        assertThat(erpRequests).hasSize(2);
        assertThat(erpRequests).allSatisfy(
                request -> assertThat(request.getHeader("Idempotency-Key")).isEqualTo(eventId));

        JsonNode erp = erpDelivery(eventId);
        assertThat(erp.get("replays").asInt()).isEqualTo(1);
        assertThat(erp.get("attempts").asInt()).isEqualTo(1);
        assertThat(erp.get("last_error").isNull()).isTrue();
        assertThat(erp.get("attempt_log")).extracting(attempt -> attempt.get("outcome").asText())
                .containsExactly("dead", "delivered");
    }

    @Test
    void deliveryOutOfAttemptsIsReplayedFromItsFirstAttemptAgain() {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        String eventId = PaymentEvents.id(event);
        erpAnswers(eventId, 503);
        paymentflow.send(event);
        // five attempts (the test configuration's maximum) at 0.3 s, 0.6 s, 1.2 s, 2 s
        eventually().until(() -> "dead".equals(deliveryStates(eventId).get("erp")));
        assertThat(erpDelivery(eventId).get("attempts").asInt()).isEqualTo(5);
        erpAcceptsEverything();

        assertThat(json(operator.post("/api/deliveries/" + deliveryId(eventId, "erp") + "/replay"))
                .get("replayed").asInt()).isEqualTo(1);

        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("erp")));
        JsonNode erp = erpDelivery(eventId);
        assertThat(erp.get("attempts").asInt()).as("counted from the first attempt again").isEqualTo(1);
        assertThat(erp.get("replays").asInt()).isEqualTo(1);
        assertThat(erp.get("attempt_log")).extracting(attempt -> attempt.get("outcome").asText())
                .containsExactly("failed", "failed", "failed", "failed", "dead", "delivered");
        assertThat(erpRequestsMentioning(eventId)).hasSize(6)
                .allSatisfy(request -> assertThat(request.getHeader("Idempotency-Key")).isEqualTo(eventId));
    }

    @Test
    void failedDeliveryWaitingForItsRetryCanBeReplayedToo() {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        String eventId = PaymentEvents.id(event);
        erpAnswers(eventId, 503);
        paymentflow.send(event);
        eventually().until(() -> "failed".equals(deliveryStates(eventId).get("erp")));

        // while the ERP still fails: the delivery is attempted again at once and fails again, not dead
        assertThat(json(operator.post("/api/deliveries/" + deliveryId(eventId, "erp") + "/replay"))
                .get("replayed").asInt()).isEqualTo(1);
        erpAcceptsEverything();

        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("erp")));
        assertThat(erpDelivery(eventId).get("replays").asInt()).isEqualTo(1);
    }

    @Test
    void bulkReplayByDestinationReplaysItsDeadDeliveries() {
        String first = eventDeadAtErp("payment.succeeded");
        String second = eventDeadAtErp("refund.created");
        erpAcceptsEverything();

        int replayed = json(operator.post("/api/deliveries/replay?destination=erp")).get("replayed").asInt();

        // other tests' dead ERP deliveries are replayed too: the database is shared
        assertThat(replayed).isGreaterThanOrEqualTo(2);
        eventually().until(() -> "delivered".equals(deliveryStates(first).get("erp"))
                && "delivered".equals(deliveryStates(second).get("erp")));
        assertThat(erpRequestsMentioning(first)).hasSize(2);
        assertThat(erpRequestsMentioning(second)).hasSize(2);
    }

    @Test
    void bulkReplayByEventTypeLeavesOtherTypesDead() {
        String refund = eventDeadAtErp("refund.created");
        String payment = eventDeadAtErp("payment.succeeded");
        erpAcceptsEverything();

        int replayed = json(operator.post("/api/deliveries/replay?eventType=refund.created")).get("replayed").asInt();

        assertThat(replayed).isGreaterThanOrEqualTo(1);
        eventually().until(() -> "delivered".equals(deliveryStates(refund).get("erp")));
        assertThat(deliveryStates(payment)).containsEntry("erp", "dead");
        assertThat(erpRequestsMentioning(payment)).hasSize(1);
    }

    @Test
    void bulkReplayByTimeOfReceiptTakesExactlyTheDeadDeliveriesInTheRange() {
        String first = eventDeadAtErp("payment.succeeded");
        String second = eventDeadAtErp("refund.created");
        String later = eventDeadAtErp("payment.succeeded");
        erpAcceptsEverything();
        Instant from = receivedAt(first);
        Instant to = receivedAt(second).plus(1, ChronoUnit.MICROS);

        HttpResponse<String> answer = operator.post("/api/deliveries/replay?from=" + from + "&to=" + to);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json(answer).get("replayed").asInt()).isEqualTo(2);
        eventually().until(() -> "delivered".equals(deliveryStates(first).get("erp"))
                && "delivered".equals(deliveryStates(second).get("erp")));
        assertThat(deliveryStates(later)).containsEntry("erp", "dead");
        assertThat(json(operator.post("/api/deliveries/replay?destination=erp&from=" + from + "&to=" + to))
                .get("replayed").asInt()).as("nothing dead is left in the range").isZero();
    }

    @Test
    void replayingALedgerDeliveryThatWasBookedBooksTheEventOnce() {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        String eventId = PaymentEvents.id(event);
        paymentflow.send(event);
        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("ledger")));
        assertThat(ledgerEntries(eventId)).isEqualTo(1);
        // as if the booking had committed but its outcome had been lost, and the delivery given up
        long ledger = deliveryId(eventId, "ledger");
        jdbc.update("UPDATE deliveries SET status = 'dead', last_error = 'outcome lost' WHERE id = ?", ledger);

        assertThat(json(operator.post("/api/deliveries/" + ledger + "/replay")).get("replayed").asInt()).isEqualTo(1);

        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("ledger")));
        assertThat(ledgerEntries(eventId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT replays FROM deliveries WHERE id = ?", Integer.class, ledger))
                .isEqualTo(1);
    }

    private JsonNode erpDelivery(String eventId) {
        for (JsonNode delivery : json(operator.get("/api/events/" + eventId)).get("deliveries")) {
            if (delivery.get("destination").asText().equals("erp")) {
                return delivery;
            }
        }
        throw new AssertionError("no ERP delivery of " + eventId);
    }
}
