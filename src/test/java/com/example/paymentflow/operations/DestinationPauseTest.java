package com.example.paymentflow.operations;

import java.net.http.HttpResponse;
import java.util.List;
import java.time.Duration;

import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RawHttpConnection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.example.paymentflow.support.OperatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator pauses a destination: its deliveries are still stored and wait, pending and unattempted, while the
 * other destinations go on; resuming lets them drain. Through the operations API, in the operator's name.
 */
class DestinationPauseTest extends OperationsEndToEndTest {

    @AfterEach
    void resumeEverything() {
        jdbc.update("DELETE FROM paused_destinations");
    }

    @Test
    void aPausedDestinationQueuesItsDeliveriesUntilItIsResumed() {
        HttpResponse<String> paused = operator.post("/api/destinations/erp/pause", "application/json",
                "{\"reason\": \"ERP maintenance until 14:00\"}");
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        String eventId = PaymentEvents.id(event);

        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        JsonNode status = json(paused);
        assertThat(status.get("paused").asBoolean()).isTrue();
        assertThat(status.get("reason").asText()).isEqualTo("ERP maintenance until 14:00");
        assertThat(status.get("paused_by").asText()).isEqualTo("operator");
        assertThat(paymentflow.send(event).body()).isEqualTo("Webhook received");
        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("ledger")));
        // several polls of the ERP's poller later, the delivery has not been attempted
        eventually().during(Duration.ofMillis(600)).until(() -> erpDelivery(eventId).get("attempts").asInt() == 0);
        assertThat(erpRequestsMentioning(eventId)).isEmpty();

        HttpResponse<String> resumed = operator.post("/api/destinations/erp/resume");

        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        assertThat(json(resumed).get("paused").asBoolean()).isFalse();
        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("erp")));
        assertThat(erpRequestsMentioning(eventId)).hasSize(1);
    }

    @Test
    void theListShowsEveryDestinationWithItsPauseAndLimits() {
        operator.post("/api/destinations/email/pause", "application/json", "{\"reason\": \"relay down\"}");

        JsonNode destinations = json(operator.get("/api/destinations")).get("destinations");

        assertThat(destinations).extracting(destination -> destination.get("name").asText())
                .containsExactly("email", "erp", "ledger");
        assertThat(destinations.get(0).get("paused").asBoolean()).isTrue();
        assertThat(destinations.get(0).get("paused_at").asText()).isNotBlank();
        assertThat(destinations.get(0).get("max_concurrency").asInt()).isEqualTo(4);
        assertThat(destinations.get(1).get("paused").asBoolean()).isFalse();
        assertThat(destinations.get(1).get("max_concurrency").asInt()).isEqualTo(16);
    }

    @Test
    void aPausedDestinationWhoseRouteIsGoneIsListedAndCanBeResumed() {
        // as a pause stays when an engineer removes the destination's route file
        jdbc.update("INSERT INTO paused_destinations (destination, reason, paused_by) VALUES ('crm', 'CRM migration', "
                + "'operator')");

        JsonNode destinations = json(operator.get("/api/destinations")).get("destinations");
        assertThat(destinations).extracting(destination -> destination.get("name").asText())
                .containsExactly("crm", "email", "erp", "ledger");
        assertThat(destinations.get(0).get("paused").asBoolean()).isTrue();

        HttpResponse<String> resumed = operator.post("/api/destinations/crm/resume");

        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        assertThat(json(resumed).get("paused").asBoolean()).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM paused_destinations", Integer.class)).isZero();
        assertThat(operator.post("/api/destinations/crm/resume").statusCode()).isEqualTo(404);
    }

    @Test
    void aReasonThatIsNotOneLineIsRefusedAndNothingIsPaused() {
        HttpResponse<String> forged = operator.post("/api/destinations/erp/pause", "application/json",
                "{\"reason\": \"maintenance\\nERROR Destination ledger dead\"}");
        HttpResponse<String> tooLong = operator.post("/api/destinations/erp/pause", "application/json",
                "{\"reason\": \"" + "x".repeat(501) + "\"}");

        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(json(forged).get("error").asText()).isEqualTo("the reason must be one line of at most 500 characters");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        // JSON of another shape: it answered 500 with a stack trace in the log
        for (String body : List.of("[]", "42", "\"erp\"", "{\"reason\": [\"a\"]}")) {
            HttpResponse<String> shapeless = operator.post("/api/destinations/erp/pause", "application/json", body);
            assertThat(shapeless.statusCode()).as(body).isEqualTo(400);
            assertThat(json(shapeless).get("error").asText()).as(body).startsWith("the request body is");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM paused_destinations", Integer.class)).isZero();
    }

    @Test
    void aPauseSentWithNoBodyAtAllIsTakenWithNoReason() throws Exception {
        RawHttpConnection.Answer paused = operator.postWithoutContentLength("/api/destinations/erp/pause");

        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.bodyText()).contains("\"paused\":true");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM paused_destinations WHERE destination = 'erp' "
                + "AND reason IS NULL", Integer.class)).isOne();
    }

    @Test
    void anUnknownDestinationIs404AndStrangersAre401() {
        HttpResponse<String> unknown = operator.post("/api/destinations/ledgr/pause");
        HttpResponse<String> stranger = com.example.paymentflow.support.OperatorClient.anonymous(baseUrl())
                .post("/api/destinations/erp/pause");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).isEqualTo("No destination ledgr (destinations: email, erp, ledger)");
        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM paused_destinations", Integer.class)).isZero();
    }

    private JsonNode erpDelivery(String eventId) {
        for (JsonNode delivery : json(operator.get("/api/events/" + eventId)).get("deliveries")) {
            if ("erp".equals(delivery.get("destination").asText())) {
                return delivery;
            }
        }
        throw new AssertionError("no ERP delivery of " + eventId);
    }
}
