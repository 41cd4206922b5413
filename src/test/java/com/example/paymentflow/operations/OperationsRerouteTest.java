package com.example.paymentflow.operations;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.paymentflow.support.CapturedLog;
import com.example.paymentflow.support.OperatorClient;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RawHttpConnection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static com.example.paymentflow.support.OperatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing stored events again from the operations API (POST /api/events/reroute): what the routing table names
 * now and an event has no delivery for is added, once, however often it is asked.
 */
class OperationsRerouteTest extends OperationsEndToEndTest {

    @Test
    void aDestinationAnEventMissedGetsItOnceAndADryRunAddsNothing() {
        // as if the routing table had not named the ERP when the event came (or the ERP were added since)
        String eventId = eventDeliveredWithout("payment.succeeded", "erp");
        int erpCallsBefore = erpRequestsMentioning(eventId).size();

        JsonNode dryRun = json(operator.post("/api/events/reroute?eventId=" + eventId + "&dryRun=true"));

        assertThat(dryRun.get("events").asInt()).isEqualTo(1);
        assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.get("added")).hasToString("{\"erp\":1}");
        assertThat(deliveryStates(eventId)).containsOnlyKeys("ledger");

        HttpResponse<String> answer;
        try (CapturedLog log = CapturedLog.start()) {
            answer = operator.post("/api/events/reroute?eventId=" + eventId);

            assertThat(log.linesMentioning("Stored events routed again by operator " + OperatorClient.USERNAME))
                    .hasSize(1);
        }
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode result = json(answer);
        assertThat(result.get("added")).hasToString("{\"erp\":1}");
        assertThat(result.get("unrouted").asInt()).isZero();
        assertThat(result.get("next").isNull()).isTrue();
        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("erp")));
        assertThat(erpRequestsMentioning(eventId)).hasSize(erpCallsBefore + 1)
                .allSatisfy(request -> assertThat(request.getHeader("Idempotency-Key")).isEqualTo(eventId));
        // stored as if with its event: the listing of deliveries sorts and filters by the event's receipt
        assertThat(jdbc.queryForObject("SELECT created_at FROM deliveries WHERE event_id = ? AND destination = 'erp'",
                OffsetDateTime.class, eventId).toInstant()).isEqualTo(receivedAt(eventId));

        JsonNode again = json(operator.post("/api/events/reroute?eventId=" + eventId));
        assertThat(again.get("added")).as("nothing twice").hasToString("{}");
        assertThat(ledgerEntries(eventId)).isEqualTo(1);
        assertThat(erpRequestsMentioning(eventId)).hasSize(erpCallsBefore + 1);
    }

    @Test
    void onlyTheNamedDestinationIsAdded() {
        String eventId = eventDeliveredWithout("refund.created", "erp", "ledger");

        JsonNode result = json(operator.post("/api/events/reroute?eventId=" + eventId + "&destination=ledger"));

        assertThat(result.get("added")).hasToString("{\"ledger\":1}");
        eventually().until(() -> Map.of("ledger", "delivered").equals(deliveryStates(eventId)));
        assertThat(ledgerEntries(eventId)).as("booked once, not again").isEqualTo(1);
    }

    @Test
    void eventsTheTableSendsNowhereAreCountedAndPagedInTheOrderTheyCame() {
        String type = "dispute.test" + PaymentEvents.newId("").replace("_", "");
        String[] ids = new String[3];
        for (int i = 0; i < ids.length; i++) {
            ObjectNode event = PaymentEvents.event(type);
            ids[i] = PaymentEvents.id(event);
            assertThat(paymentflow.send(event).statusCode()).isEqualTo(200);
        }

        JsonNode first = json(operator.post("/api/events/reroute?eventType=" + type + "&limit=2"));
        JsonNode rest = json(operator.post("/api/events/reroute?eventType=" + type + "&limit=2&after="
                + first.get("next").asText()));

        assertThat(first.get("events").asInt()).isEqualTo(2);
        assertThat(first.get("unrouted").asInt()).isEqualTo(2);
        assertThat(first.get("added")).hasToString("{}");
        assertThat(first.get("next").asText()).isEqualTo(ids[1]);
        assertThat(rest.get("events").asInt()).isEqualTo(1);
        assertThat(rest.get("next").isNull()).isTrue();
        JsonNode exactlyAll = json(operator.post("/api/events/reroute?eventType=" + type + "&limit=3"));
        assertThat(exactlyAll.get("events").asInt()).isEqualTo(3);
        assertThat(exactlyAll.get("next").isNull()).as("the scope is done").isTrue();
        assertThat(storedEvents(ids[2])).isEqualTo(1);
        assertThat(deliveryStates(ids[2])).isEmpty();
    }

    @Test
    void eventsNoRouteHandlesAreLoggedInSummaryNotOneLineEach() {
        String type = "dispute.test" + PaymentEvents.newId("").replace("_", "");
        List<String> ids = new ArrayList<>();
        try (CapturedLog log = CapturedLog.start()) {
            for (int i = 0; i < 10; i++) {
                ObjectNode event = PaymentEvents.event(type);
                ids.add(PaymentEvents.id(event));
                assertThat(paymentflow.send(event).statusCode()).isEqualTo(200);
            }

            // the first line of the minute, and perhaps the summary of a minute that ended meanwhile (other tests
            // of this context route such events too); never one line per event
            assertThat(ids.stream().mapToInt(id -> log.linesMentioning(id).size()).sum()).isBetween(0, 2);
        }
        // a re-route of them is not another receipt
        assertThat(json(operator.post("/api/events/reroute?eventType=" + type)).get("unrouted").asInt()).isEqualTo(10);
        // counted all the same, by type
        assertThat(operator.get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith("paymentflow_events_unrouted_total{")
                        && line.contains("event_type=\"" + type + "\""))).singleElement()
                .satisfies(line -> assertThat(line).endsWith(" 10.0"));
    }

    @Test
    void aRerouteWithoutAScopeOrWithAMisspeltOneIsRefused() throws IOException {
        assertRefused(operator.post("/api/events/reroute"), 400, "give at least one of");
        assertRefused(operator.post("/api/events/reroute?eventtype=payment.succeeded"), 400, "unknown parameter");
        assertRefused(operator.post("/api/events/reroute?eventType=payment.succeeded&dryRun=yes"), 400,
                "dryRun must be true or false");
        assertRefused(operator.post("/api/events/reroute?eventType=payment.succeeded&limit=5000"), 400,
                "limit must be");
        assertRefused(operator.post("/api/events/reroute?eventType=payment.succeeded&after=evt_never_stored"), 400,
                "after must be the id of a stored event");
        assertRefused(operator.post("/api/events/reroute?eventId=evt%00x"), 400, "none of them a control character");
        // the server drops a value it cannot decode: the dry run would be real, the scope every destination
        // (sent as written: Java's HTTP client refuses to)
        for (String path : List.of("/api/events/reroute?eventType=payment.succeeded&dryRun=true%",
                "/api/events/reroute?eventType=payment.succeeded&destination=ledger%zz")) {
            RawHttpConnection.Answer answer = operator.postWithoutContentLength(path);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.bodyText()).contains("not validly percent-encoded");
        }
        // an unset variable in a script: dryRun=$DRY
        assertRefused(operator.post("/api/events/reroute?eventType=payment.succeeded&dryRun="), 400,
                "parameter 'dryRun' is empty");
        assertRefused(operator.post("/api/deliveries/replay?eventType=payment.succeeded&destination="), 400,
                "parameter 'destination' is empty");
        assertRefused(operator.post("/api/events/reroute?eventType=payment.succeeded&eventType=refund.created"), 400,
                "parameter 'eventType' is given more than once");
        assertRefused(operator.post("/api/events/reroute?from=%2B999999999-01-01T00:00:00Z"), 400,
                "from must be an instant between the years 1 and 9999");
        assertRefused(operator.post("/api/events/reroute?destination=crm"), 404, "No destination crm");
        assertRefused(operator.post("/api/events/reroute?from=" + Instant.now() + "&to=" + Instant.now().minusSeconds(1)),
                400, "from must be before to");
        assertThat(OperatorClient.anonymous(baseUrl()).post("/api/events/reroute?eventType=payment.succeeded")
                .statusCode()).isEqualTo(401);
    }

    private static void assertRefused(HttpResponse<String> answer, int status, String reason) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(json(answer).get("error").asText()).contains(reason);
    }
}
