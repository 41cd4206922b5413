package com.example.paymentflow.operations;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import com.example.paymentflow.support.OperatorClient;
import com.example.paymentflow.support.PaymentEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static com.example.paymentflow.support.OperatorClient.json;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** The read side of the operations API, its refusals, and who may use it. */
class OperationsApiTest extends OperationsEndToEndTest {

    @Test
    void eventShowsWhereItWentAttemptByAttemptAndNeverItsPayload() {
        String eventId = eventDeadAtErp("payment.succeeded");
        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("ledger")));

        HttpResponse<String> answer = operator.get("/api/events/" + eventId);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(answer.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("Authorization"));
        JsonNode event = json(answer);
        assertThat(event.get("event_id").asText()).isEqualTo(eventId);
        assertThat(event.get("event_type").asText()).isEqualTo("payment.succeeded");
        assertThat(Instant.parse(event.get("received_at").asText())).isEqualTo(receivedAt(eventId));

        JsonNode erp = delivery(event, "erp");
        assertThat(erp.get("id").asLong()).isEqualTo(deliveryId(eventId, "erp"));
        assertThat(erp.get("status").asText()).isEqualTo("dead");
        assertThat(erp.get("attempts").asInt()).isEqualTo(1);
        assertThat(erp.get("last_error").asText()).isEqualTo("answered HTTP 400");
        assertThat(erp.get("delivered_at").isNull()).isTrue();
        assertThat(erp.get("replays").asInt()).isZero();
        assertThat(erp.get("attempt_log")).hasSize(1);
        JsonNode attempt = erp.get("attempt_log").get(0);
        assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
        assertThat(attempt.get("outcome").asText()).isEqualTo("dead");
        assertThat(attempt.get("error").asText()).isEqualTo("answered HTTP 400");
        assertThat(Instant.parse(attempt.get("attempted_at").asText())).isAfterOrEqualTo(receivedAt(eventId));

        JsonNode ledger = delivery(event, "ledger");
        assertThat(ledger.get("status").asText()).isEqualTo("delivered");
        assertThat(ledger.get("last_error").isNull()).isTrue();
        assertThat(Instant.parse(ledger.get("delivered_at").asText())).isAfterOrEqualTo(receivedAt(eventId));
        assertThat(ledger.get("attempt_log").get(0).get("outcome").asText()).isEqualTo("delivered");

        // the payload holds the customer's name and address: neither, nor the payload itself, is ever shown
        assertThat(answer.body()).doesNotContain("customer@example.com", "Jane Doe", "payload", "signature");
    }

    @Test
    void eventWithNonAsciiIdIsFoundThroughItsEncodedPath() {
        String eventId = PaymentEvents.newId("evt_ü_");
        ObjectNode event = PaymentEvents.event("payment.succeeded", eventId, PaymentEvents.newId("pay_"), 100,
                "customer@example.com");
        assertThat(paymentflow.send(event).statusCode()).isEqualTo(200);

        HttpResponse<String> answer = operator.get("/api/events/" + URLEncoder.encode(eventId, UTF_8));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json(answer).get("event_id").asText()).isEqualTo(eventId);
    }

    @Test
    void eventWhoseIdNoPathCanCarryIsFoundByQueryParameter() {
        // PaymentFlow's ids are its own: a "/" or "%" in one is accepted, and must be found again
        for (String eventId : List.of(PaymentEvents.newId("evt_a/b_"), PaymentEvents.newId("evt_%41_"),
                PaymentEvents.newId("evt_?&=+ _"))) {
            ObjectNode event = PaymentEvents.event("payment.succeeded", eventId, PaymentEvents.newId("pay_"), 100,
                    "customer@example.com");
            assertThat(paymentflow.send(event).statusCode()).isEqualTo(200);

            HttpResponse<String> answer = operator.get("/api/events?eventId=" + URLEncoder.encode(eventId, UTF_8));

            assertThat(answer.statusCode()).as(eventId).isEqualTo(200);
            assertThat(json(answer).get("event_id").asText()).isEqualTo(eventId);
            assertThat(json(answer).get("deliveries")).hasSize(2);
        }
        HttpResponse<String> withoutId = operator.get("/api/events");
        assertThat(withoutId.statusCode()).isEqualTo(400);
        assertThat(json(withoutId).get("error").asText()).contains("the event id must have 1 to");
        assertThat(operator.get("/api/events?eventId=" + PaymentEvents.newId("evt_never_sent_")).statusCode())
                .isEqualTo(404);
        // a NUL is no event id: PostgreSQL refuses it in text, which answered 500 with a stack trace in the log
        for (String path : List.of("/api/events?eventId=evt%00x", "/api/events?eventId=evt%1Fx")) {
            HttpResponse<String> control = operator.get(path);
            assertThat(control.statusCode()).as(path).isEqualTo(400);
            assertThat(json(control).get("error").asText()).contains("none of them a control character");
        }
    }

    @Test
    void unknownEventIsNotFound() {
        HttpResponse<String> answer = operator.get("/api/events/" + PaymentEvents.newId("evt_never_sent_"));

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(json(answer).get("error").asText()).isEqualTo("No such event");
    }

    @Test
    void listFiltersByStatusDestinationTypeAndTimeOfReceiptNewestFirst() {
        String first = eventDeadAtErp("payment.succeeded");
        String second = eventDeadAtErp("payment.succeeded");
        String from = receivedAt(first).toString();
        String to = receivedAt(second).plus(1, ChronoUnit.MICROS).toString();

        JsonNode deadAtErp = json(operator.get(
                "/api/deliveries?status=dead&destination=erp&from=" + from + "&to=" + to)).get("deliveries");

        assertThat(eventIds(deadAtErp)).containsExactly(second, first);
        JsonNode newest = deadAtErp.get(0);
        assertThat(newest.get("id").asLong()).isEqualTo(deliveryId(second, "erp"));
        assertThat(newest.get("event_type").asText()).isEqualTo("payment.succeeded");
        assertThat(newest.get("destination").asText()).isEqualTo("erp");
        assertThat(newest.get("status").asText()).isEqualTo("dead");
        assertThat(newest.get("attempts").asInt()).isEqualTo(1);
        assertThat(newest.get("last_error").asText()).isEqualTo("answered HTTP 400");
        assertThat(Instant.parse(newest.get("received_at").asText())).isEqualTo(receivedAt(second));

        assertThat(eventIds(json(operator.get("/api/deliveries?from=" + from + "&to=" + to)).get("deliveries")))
                .containsOnly(first, second).hasSize(4);
        assertThat(eventIds(json(operator.get(
                "/api/deliveries?status=dead&from=" + from + "&to=" + to + "&limit=1")).get("deliveries")))
                .containsExactly(second);
        assertThat(json(operator.get("/api/deliveries?eventType=refund.created&from=" + from + "&to=" + to))
                .get("deliveries")).isEmpty();
        assertThat(json(operator.get("/api/deliveries?status=delivered&destination=erp&from=" + from + "&to=" + to))
                .get("deliveries")).isEmpty();
        assertThat(eventIds(json(operator.get("/api/deliveries?status=dead&destination=erp")).get("deliveries")))
                .as("without a time range, the newest dead ERP deliveries").startsWith(second, first);
        assertThat(eventIds(json(operator.get("/api/deliveries?status=dead&eventType=payment.succeeded&from=" + from
                + "&to=" + to)).get("deliveries"))).containsExactly(second, first);
        assertThat(json(operator.get("/api/deliveries?status=dead&eventType=refund.created&from=" + from + "&to=" + to))
                .get("deliveries")).isEmpty();

        // a failed delivery (not due for an hour, so no poller takes it) is listed by its status like a dead one
        long ledger = deliveryId(first, "ledger");
        eventually().until(() -> "delivered".equals(
                jdbc.queryForObject("SELECT status FROM deliveries WHERE id = ?", String.class, ledger)));
        jdbc.update("UPDATE deliveries SET status = 'failed', next_attempt_at = now() + interval '1 hour' WHERE id = ?",
                ledger);
        JsonNode failed = json(operator.get("/api/deliveries?status=failed&from=" + from + "&to=" + to))
                .get("deliveries");
        assertThat(eventIds(failed)).containsExactly(first);
        assertThat(failed.get(0).get("destination").asText()).isEqualTo("ledger");
        assertThat(json(operator.get("/api/deliveries?status=failed&destination=erp&from=" + from + "&to=" + to))
                .get("deliveries")).isEmpty();
        assertThat(json(operator.get("/api/deliveries?status=pending&from=" + from + "&to=" + to))
                .get("deliveries")).isEmpty();
    }

    @Test
    void aListingIsPagedAfterTheLastDeliveryOfThePageBeforeEvenAmongEventsStoredTogether() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(eventDeadAtErp("payment.succeeded"));
        }
        // one time of receipt for all five, as when one statement stores the events that arrived together: paging
        // by "to=<the last one's received_at>" skipped the rest of them
        OffsetDateTime together = OffsetDateTime.ofInstant(receivedAt(events.get(0)), ZoneOffset.UTC);
        for (String eventId : events) {
            jdbc.update("UPDATE inbound_events SET received_at = ? WHERE event_id = ?", together, eventId);
            jdbc.update("UPDATE deliveries SET created_at = ? WHERE event_id = ?", together, eventId);
        }
        String range = "&destination=erp&from=" + together.toInstant() + "&to="
                + together.toInstant().plus(1, ChronoUnit.MICROS);

        for (String listing : List.of("/api/deliveries?status=dead" + range, "/api/deliveries?eventType=payment.succeeded"
                + range)) {
            List<String> pagedThrough = new ArrayList<>();
            String before = "";
            for (int page = 0; page < 10; page++) {
                JsonNode deliveries = json(operator.get(listing + "&limit=2" + before)).get("deliveries");
                if (deliveries.isEmpty()) {
                    break;
                }
                assertThat(deliveries.size()).isLessThanOrEqualTo(2);
                pagedThrough.addAll(eventIds(deliveries));
                before = "&before=" + deliveries.get(deliveries.size() - 1).get("id").asLong();
            }
            assertThat(pagedThrough).as(listing).containsExactlyInAnyOrderElementsOf(events).doesNotHaveDuplicates()
                    .isEqualTo(eventIds(json(operator.get(listing + "&limit=10")).get("deliveries")));
        }
        // a page after a delivery no longer there (purged since) is no empty page, which would read as the end
        long gone = jdbc.queryForObject("SELECT coalesce(max(id), 0) + 1000000 FROM deliveries", Long.class);
        HttpResponse<String> afterGone = operator.get("/api/deliveries?before=" + gone);
        assertThat(afterGone.statusCode()).isEqualTo(404);
        assertThat(json(afterGone).get("error").asText()).isEqualTo("No delivery " + gone);
    }

    @Test
    void aParameterTheEndpointDoesNotTakeIsRefusedRatherThanIgnored() {
        String eventId = eventDeadAtErp("payment.succeeded");

        assertBadRequest("/api/deliveries?stauts=dead", "unknown parameter 'stauts': this endpoint takes status, "
                + "destination, eventType, from, to, limit, before");
        assertBadRequest("/api/deliveries?offset=100", "unknown parameter 'offset': this endpoint takes status, "
                + "destination, eventType, from, to, limit, before");
        assertBadRequest("/api/deliveries?before=last", "before must be a delivery id: the id of the last delivery "
                + "of the page before");
        assertBadRequest("/api/events?eventId=" + eventId + "&verbose=1",
                "unknown parameter 'verbose': this endpoint takes eventId");
        // a misspelt filter would have replayed the dead deliveries of every destination
        assertRefusedReplay("/api/deliveries/replay?destinaton=erp&eventType=payment.succeeded", 400,
                "unknown parameter 'destinaton': this endpoint takes destination, eventType, from, to");
        assertThat(deliveryStates(eventId)).containsEntry("erp", "dead");
    }

    @Test
    void summaryCountsEveryDeliveryPerDestinationAndStatus() {
        eventDeadAtErp("payment.succeeded");

        eventually().untilAsserted(() -> {
            JsonNode summary = json(operator.get("/api/deliveries/summary"));
            assertThat(countsOf(summary)).isEqualTo(countsInDatabase());
        });
        JsonNode summary = json(operator.get("/api/deliveries/summary"));
        assertThat(summary.get("erp").get("dead").asLong()).isPositive();
        for (String destination : List.of("erp", "ledger")) {
            assertThat(fieldNames(summary.get(destination)))
                    .containsExactlyInAnyOrder("pending", "failed", "dead", "delivered");
        }
    }

    @Test
    void badParametersAreRefusedWithTheirReasonAndNeverEchoed() {
        String statuses = "status must be one of pending, failed, dead, delivered";
        assertBadRequest("/api/deliveries?status=lost", statuses);
        assertBadRequest("/api/deliveries?status=%3Cscript%3E", statuses);
        assertBadRequest("/api/deliveries?limit=0", "limit must be a whole number from 1 to 1000");
        assertBadRequest("/api/deliveries?limit=1001", "limit must be a whole number from 1 to 1000");
        assertBadRequest("/api/deliveries?limit=ten", "limit must be a whole number from 1 to 1000");
        assertBadRequest("/api/deliveries?from=yesterday",
                "from must be an ISO-8601 instant such as 2026-11-27T10:15:30Z");
        assertBadRequest("/api/deliveries?to=2026-11-27",
                "to must be an ISO-8601 instant such as 2026-11-27T10:15:30Z");
        assertBadRequest("/api/deliveries?from=2026-11-27T10:00:00Z&to=2026-11-27T09:00:00Z", "from must be before to");
        assertBadRequest("/api/deliveries?destination=ERP%27%3B%20DROP%20TABLE%20deliveries",
                "destination must be a destination name such as erp, email or ledger");
        assertBadRequest("/api/deliveries?eventType=payment%20succeeded",
                "eventType must be an event type such as payment.succeeded");

        assertRefusedReplay("/api/deliveries/replay", 400, "give at least one of destination, eventType, from, to");
        assertRefusedReplay("/api/deliveries/replay?status=dead", 400,
                "unknown parameter 'status': this endpoint takes destination, eventType, from, to");
        assertRefusedReplay("/api/deliveries/replay?from=soon", 400,
                "from must be an ISO-8601 instant such as 2026-11-27T10:15:30Z");
        assertRefusedReplay("/api/deliveries/abc/replay", 400, "the delivery id must be a positive whole number");
        assertRefusedReplay("/api/deliveries/0/replay", 400, "the delivery id must be a positive whole number");
    }

    @Test
    void replayOfAnUnknownDeliveryIsNotFound() {
        long unknown = jdbc.queryForObject("SELECT coalesce(max(id), 0) + 1000000 FROM deliveries", Long.class);

        assertRefusedReplay("/api/deliveries/" + unknown + "/replay", 404, "No delivery " + unknown);
    }

    @Test
    void replayOfADeliveredOrPendingDeliveryIsAConflict() {
        String eventId = eventDeadAtErp("payment.succeeded");
        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("ledger")));
        long ledger = deliveryId(eventId, "ledger");
        long erp = deliveryId(eventId, "erp");
        // pending, but not due for an hour: the poller leaves it alone
        jdbc.update("UPDATE deliveries SET status = 'pending', next_attempt_at = now() + interval '1 hour' "
                + "WHERE id = ?", erp);

        assertRefusedReplay("/api/deliveries/" + ledger + "/replay", 409,
                "Delivery " + ledger + " is delivered: only dead or failed deliveries can be replayed");
        assertRefusedReplay("/api/deliveries/" + erp + "/replay", 409,
                "Delivery " + erp + " is pending: only dead or failed deliveries can be replayed");
        assertThat(jdbc.queryForObject("SELECT replays FROM deliveries WHERE id = ?", Integer.class, erp)).isZero();
    }

    @Test
    void everyEndpointNeedsTheOperatorsCredentials() {
        String eventId = eventDeadAtErp("payment.succeeded");
        long erp = deliveryId(eventId, "erp");
        erpAcceptsEverything();
        List<OperatorClient> strangers = List.of(OperatorClient.anonymous(baseUrl()),
                OperatorClient.withCredentials(baseUrl(), OperatorClient.USERNAME, "wrong-password"),
                OperatorClient.withCredentials(baseUrl(), "admin", OperatorClient.PASSWORD));

        for (OperatorClient stranger : strangers) {
            for (String path : List.of("/api/events/" + eventId, "/api/deliveries", "/api/deliveries/summary")) {
                HttpResponse<String> answer = stranger.get(path);
                assertThat(answer.statusCode()).as(path).isEqualTo(401);
                assertThat(answer.body()).as(path).doesNotContain("event_type", "\"deliveries\":", "\"pending\":");
            }
            assertThat(stranger.post("/api/deliveries/" + erp + "/replay").statusCode()).isEqualTo(401);
            assertThat(stranger.post("/api/deliveries/replay?destination=erp").statusCode()).isEqualTo(401);
        }
        assertThat(deliveryStates(eventId)).containsEntry("erp", "dead");
    }

    @Test
    void replayThatIsNotJsonIsRefusedSoThatNoOtherSiteCanSendIt() {
        String eventId = eventDeadAtErp("payment.succeeded");
        long erp = deliveryId(eventId, "erp");
        erpAcceptsEverything();

        // what a form on another site's page can make the operator's browser send
        for (String contentType : new String[] {"application/x-www-form-urlencoded", "text/plain", null}) {
            HttpResponse<String> answer = operator.post("/api/deliveries/" + erp + "/replay", contentType, "");
            assertThat(answer.statusCode()).as(String.valueOf(contentType)).isEqualTo(403);
            assertThat(answer.body()).as(String.valueOf(contentType))
                    .contains("needs the CSRF token", "send Content-Type: application/json");
        }
        assertThat(deliveryStates(eventId)).containsEntry("erp", "dead");
    }

    @Test
    void aBodyTooLargeCompressedOrOfUnknownLengthIsRefusedBeforeItIsRead() throws Exception {
        String eventId = eventDeadAtErp("payment.succeeded");
        String replay = "/api/deliveries/" + deliveryId(eventId, "erp") + "/replay";
        String large = "{\"reason\":\"" + "x".repeat(100_000) + "\"}";
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write("{}".getBytes(UTF_8));
        }

        HttpResponse<String> tooLarge = operator.post(replay, "application/json", large);
        HttpResponse<String> compressed = operator.send(operator.request(replay).header("Content-Type",
                "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzipped.toByteArray())).build());
        HttpResponse<String> unknownLength = operator.send(operator.request(replay).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream("{}".getBytes(UTF_8)))).build());

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(json(tooLarge).get("error").asText()).isEqualTo("the request body is larger than 65536 bytes");
        assertThat(compressed.statusCode()).isEqualTo(415);
        assertThat(json(compressed).get("error").asText()).isEqualTo("send the body uncompressed");
        assertThat(unknownLength.statusCode()).isEqualTo(411);
        assertThat(json(unknownLength).get("error").asText()).isEqualTo("send the body with a Content-Length");
        // credentials first: a stranger learns nothing of the limits
        assertThat(OperatorClient.anonymous(baseUrl()).post(replay, "application/json", large).statusCode())
                .isEqualTo(401);
        assertThat(deliveryStates(eventId)).containsEntry("erp", "dead");
    }

    @Test
    void replayWithABodyThatIsNotJsonIsABadRequestInJson() {
        String eventId = eventDeadAtErp("payment.succeeded");
        long erp = deliveryId(eventId, "erp");

        HttpResponse<String> answer = operator.post("/api/deliveries/" + erp + "/replay", "application/json",
                "not json <script>");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(json(answer).get("error").asText()).isEqualTo("the request body is not JSON");
        assertThat(deliveryStates(eventId)).containsEntry("erp", "dead");
    }

    private void assertBadRequest(String path, String reason) {
        HttpResponse<String> answer = operator.get(path);
        assertThat(answer.statusCode()).as(path).isEqualTo(400);
        assertThat(json(answer).get("error").asText()).as(path).isEqualTo(reason);
    }

    private void assertRefusedReplay(String path, int status, String reason) {
        HttpResponse<String> answer = operator.post(path);
        assertThat(answer.statusCode()).as(path).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(json(answer).get("error").asText()).as(path).isEqualTo(reason);
    }

    private static JsonNode delivery(JsonNode event, String destination) {
        for (JsonNode delivery : event.get("deliveries")) {
            if (delivery.get("destination").asText().equals(destination)) {
                return delivery;
            }
        }
        throw new AssertionError("no delivery to " + destination + " in " + event);
    }

    private static List<String> eventIds(JsonNode deliveries) {
        List<String> ids = new ArrayList<>();
        deliveries.forEach(delivery -> ids.add(delivery.get("event_id").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Map<String, Long> countsOf(JsonNode summary) {
        Map<String, Long> counts = new TreeMap<>();
        summary.fields().forEachRemaining(destination -> destination.getValue().fields().forEachRemaining(
                status -> {
                    if (status.getValue().asLong() > 0) {
                        counts.put(destination.getKey() + "/" + status.getKey(), status.getValue().asLong());
                    }
                }));
        return counts;
    }

    private Map<String, Long> countsInDatabase() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("SELECT destination, status, count(*) AS n FROM deliveries GROUP BY destination, status",
                row -> {
                    counts.put(row.getString("destination") + "/" + row.getString("status"), row.getLong("n"));
                });
        return counts;
    }
}
