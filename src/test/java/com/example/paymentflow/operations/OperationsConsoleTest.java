package com.example.paymentflow.operations;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.example.paymentflow.support.OperatorClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static com.example.paymentflow.support.OperatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The management console (Hawtio) and its Jolokia agent: who may use them, and replays through the MBean. */
class OperationsConsoleTest extends OperationsEndToEndTest {

    private static final String MBEAN = "paymentflow:type=Deliveries,name=operations";

    @Test
    void consoleAndJolokiaNeedTheOperatorsCredentials() {
        List<OperatorClient> strangers = List.of(OperatorClient.anonymous(baseUrl()),
                OperatorClient.withCredentials(baseUrl(), OperatorClient.USERNAME, "wrong-password"));

        for (OperatorClient stranger : strangers) {
            for (String path : List.of(CONSOLE, "/actuator/hawtio/index.html", JOLOKIA, "/actuator/hawtio/jolokia",
                    "/actuator/metrics")) {
                HttpResponse<String> answer = stranger.get(path);
                assertThat(answer.statusCode()).as(path).isEqualTo(401);
                assertThat(answer.headers().firstValue("WWW-Authenticate")).as(path)
                        .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic"));
            }
        }
        // a command with credentials but without the CSRF token is refused before the credentials are checked
        assertThat(strangers.get(0).get(JOLOKIA + "/version").statusCode()).isEqualTo(401);
        assertThat(strangers.get(1).get(JOLOKIA + "/version").statusCode()).isEqualTo(403);
    }

    @Test
    void consoleKeepsItsCsrfTokenAcrossJolokiaRequests() {
        loadTheConsole();
        String token = operator.cookie("XSRF-TOKEN");

        for (int request = 0; request < 3; request++) {
            jolokia("""
                    {"type": "read", "mbean": "java.lang:type=Runtime", "attribute": "Uptime"}""");
        }

        assertThat(operator.cookie("XSRF-TOKEN")).isEqualTo(token);
    }

    @Test
    void consolePageLoadsForTheOperatorAndHandsOutTheCsrfToken() {
        HttpResponse<String> page = operator.get(CONSOLE);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("<html").containsIgnoringCase("hawtio");
        assertThat(operator.cookie("XSRF-TOKEN")).isNotBlank();
        assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(
                cookie -> assertThat(cookie).startsWith("XSRF-TOKEN=").contains("SameSite=Strict"));
    }

    @Test
    void jolokiaAgentAnswersTheConsolesVersionProbeWithoutAToken() {
        HttpResponse<String> probe = operator.get("/actuator/hawtio/jolokia");

        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(json(probe).get("value").has("agent")).isTrue();
    }

    @Test
    void jolokiaExecOfTheReplayOperationReplaysADeadDelivery() {
        String eventId = eventDeadAtErp("payment.succeeded");
        long erp = deliveryId(eventId, "erp");
        erpAcceptsEverything();
        loadTheConsole();

        JsonNode result = jolokia("""
                {"type": "exec", "mbean": "%s", "operation": "replayDelivery(long)", "arguments": [%d]}"""
                .formatted(MBEAN, erp));

        assertThat(result.get("status").asInt()).as(result.toString()).isEqualTo(200);
        assertThat(result.get("value").asInt()).isEqualTo(1);
        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("erp")));
        assertThat(erpRequestsMentioning(eventId)).hasSize(2)
                .allSatisfy(request -> assertThat(request.getHeader("Idempotency-Key")).isEqualTo(eventId));
    }

    @Test
    void jolokiaExecOfTheBulkReplayReplaysTheDeadDeliveriesInTheRange() {
        String first = eventDeadAtErp("payment.succeeded");
        String second = eventDeadAtErp("payment.succeeded");
        erpAcceptsEverything();
        Instant from = receivedAt(first);
        Instant to = receivedAt(second).plus(1, ChronoUnit.MICROS);

        loadTheConsole();
        JsonNode result = jolokia("""
                {"type": "exec", "mbean": "%s", "operation": "replayDead", "arguments": ["erp", "", "%s", "%s"]}"""
                .formatted(MBEAN, from, to));

        assertThat(result.get("status").asInt()).as(result.toString()).isEqualTo(200);
        assertThat(result.get("value").asInt()).isEqualTo(2);
        eventually().until(() -> "delivered".equals(deliveryStates(first).get("erp"))
                && "delivered".equals(deliveryStates(second).get("erp")));
    }

    @Test
    void jolokiaExecPausesAndResumesADestinationInTheOperatorsName() {
        loadTheConsole();

        JsonNode paused = jolokia("""
                {"type": "exec", "mbean": "%s", "operation": "pauseDestination", "arguments": ["email", "mail relay swap"]}"""
                .formatted(MBEAN));
        JsonNode listed = json(operator.get("/api/destinations"));
        JsonNode resumed = jolokia("""
                {"type": "exec", "mbean": "%s", "operation": "resumeDestination", "arguments": ["email"]}"""
                .formatted(MBEAN));
        JsonNode unknown = jolokia("""
                {"type": "exec", "mbean": "%s", "operation": "pauseDestination", "arguments": ["crm", ""]}"""
                .formatted(MBEAN));

        assertThat(paused.get("status").asInt()).as(paused.toString()).isEqualTo(200);
        assertThat(listed.get("destinations")).anySatisfy(destination -> {
            assertThat(destination.get("name").asText()).isEqualTo("email");
            assertThat(destination.get("paused").asBoolean()).isTrue();
            assertThat(destination.get("reason").asText()).isEqualTo("mail relay swap");
            assertThat(destination.get("paused_by").asText()).isEqualTo(OperatorClient.USERNAME);
        });
        assertThat(resumed.get("status").asInt()).as(resumed.toString()).isEqualTo(200);
        assertThat(json(operator.get("/api/destinations")).get("destinations"))
                .allSatisfy(destination -> assertThat(destination.get("paused").asBoolean()).isFalse());
        assertThat(unknown.get("status").asInt()).isNotEqualTo(200);
        assertThat(unknown.toString()).contains("No destination crm");
    }

    @Test
    void jolokiaExecRoutesStoredEventsAgainOnce() {
        String eventId = eventDeliveredWithout("refund.created", "ledger");
        Instant from = receivedAt(eventId);
        Instant to = from.plus(1, ChronoUnit.MICROS);
        loadTheConsole();

        String reroute = """
                {"type": "exec", "mbean": "%s", "operation": "rerouteEvents",
                 "arguments": ["refund.created", "%s", "%s", "ledger", "", false]}""".formatted(MBEAN, from, to);
        JsonNode result = jolokia(reroute);
        JsonNode again = jolokia(reroute);
        JsonNode unfiltered = jolokia("""
                {"type": "exec", "mbean": "%s", "operation": "rerouteEvents", "arguments": ["", "", "", "", "", true]}"""
                .formatted(MBEAN));

        assertThat(result.get("status").asInt()).as(result.toString()).isEqualTo(200);
        assertThat(result.at("/value/events").asInt()).isEqualTo(1);
        assertThat(result.at("/value/added")).hasToString("{\"ledger\":1}");
        assertThat(again.at("/value/added")).hasToString("{}");
        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("ledger")));
        assertThat(ledgerEntries(eventId)).isEqualTo(1);
        assertThat(unfiltered.get("status").asInt()).isNotEqualTo(200);
        assertThat(unfiltered.toString()).contains("give at least one of");
    }

    @Test
    void mbeanRefusesWhatTheApiRefuses() {
        String eventId = eventDeadAtErp("payment.succeeded");
        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("ledger")));
        loadTheConsole();

        JsonNode delivered = jolokia("""
                {"type": "exec", "mbean": "%s", "operation": "replayDelivery(long)", "arguments": [%d]}"""
                .formatted(MBEAN, deliveryId(eventId, "ledger")));
        JsonNode unfiltered = jolokia("""
                {"type": "exec", "mbean": "%s", "operation": "replayDead", "arguments": ["", "", "", ""]}"""
                .formatted(MBEAN));

        assertThat(delivered.get("status").asInt()).as(delivered.toString()).isNotEqualTo(200);
        assertThat(delivered.toString()).contains("is delivered: only dead or failed deliveries can be replayed");
        assertThat(unfiltered.get("status").asInt()).as(unfiltered.toString()).isNotEqualTo(200);
        assertThat(unfiltered.toString()).contains("give at least one of destination, eventType, from, to");
        assertThat(deliveryStates(eventId)).containsEntry("erp", "dead").containsEntry("ledger", "delivered");
    }

    @Test
    void theConsoleCannotDumpTheHeapOrRunDiagnosticCommands() {
        loadTheConsole();

        JsonNode heapDump = jolokia("""
                {"type": "exec", "mbean": "com.sun.management:type=HotSpotDiagnostic",
                 "operation": "dumpHeap", "arguments": ["/tmp/paymentflow-heap.hprof", true]}""");
        JsonNode command = jolokia("""
                {"type": "exec", "mbean": "com.sun.management:type=DiagnosticCommand",
                 "operation": "gcHeapInfo", "arguments": []}""");

        assertThat(heapDump.get("status").asInt()).as(heapDump.toString()).isEqualTo(403);
        assertThat(command.get("status").asInt()).as(command.toString()).isEqualTo(403);
        assertThat(java.nio.file.Path.of("/tmp/paymentflow-heap.hprof")).doesNotExist();
    }

    @Test
    void countsAttributeIsTheBacklogAndCountAllTheApisSummary() {
        eventDeadAtErp("payment.succeeded");

        loadTheConsole();
        // the attribute follows the delivery metrics' refresh (paymentflow.metrics.delivery-counts-refresh)
        eventually().untilAsserted(() -> assertThat(jolokia("""
                {"type": "read", "mbean": "%s", "attribute": "Counts"}""".formatted(MBEAN))
                .path("value").path("erp").path("dead").asLong()).isPositive());
        JsonNode counts = jolokia("""
                {"type": "read", "mbean": "%s", "attribute": "Counts"}""".formatted(MBEAN)).get("value");
        JsonNode all = jolokia("""
                {"type": "exec", "mbean": "%s", "operation": "countAll", "arguments": []}""".formatted(MBEAN))
                .get("value");

        assertThat(counts.get("erp").has("delivered")).isFalse();
        assertThat(all.get("erp").get("dead").asLong()).isPositive();
        assertThat(all.get("ledger").get("delivered").asLong()).isPositive();
    }

    @Test
    void jolokiaCommandWithoutTheCsrfTokenIsRefused() {
        String eventId = eventDeadAtErp("payment.succeeded");
        long erp = deliveryId(eventId, "erp");
        erpAcceptsEverything();
        String exec = """
                {"type": "exec", "mbean": "%s", "operation": "replayDelivery(long)", "arguments": [%d]}"""
                .formatted(MBEAN, erp);

        // what another site's page could make the operator's browser send: its cookies (the token's among them,
        // had SameSite not kept it back) and credentials, but no token in a header, or a made-up one
        loadTheConsole();
        HttpResponse<String> post = operator.post(JOLOKIA, "text/plain", exec);
        HttpResponse<String> forged = operator.send(operator.request(JOLOKIA)
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", "forged")
                .POST(HttpRequest.BodyPublishers.ofString(exec)).build());
        HttpResponse<String> get = operator.get(JOLOKIA + "/exec/" + MBEAN + "/replayDelivery(long)/" + erp);
        HttpResponse<String> getThroughConsole = operator.get(
                "/actuator/hawtio/jolokia/exec/" + MBEAN + "/replayDelivery(long)/" + erp);
        HttpResponse<String> getWithQuery = operator.get(
                JOLOKIA + "?p=/exec/" + MBEAN + "/replayDelivery(long)/" + erp);
        HttpResponse<String> getEncoded = operator.get(
                "/actuator/%6Aolokia/exec/" + MBEAN + "/replayDelivery(long)/" + erp);

        assertThat(List.of(post, forged, get, getThroughConsole, getWithQuery))
                .allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.uri().toString()).isEqualTo(403));
        // Spring refuses to map an encoded servlet path before any filter decides (500); refused all the same
        assertThat(getEncoded.statusCode()).isNotEqualTo(200);
        assertThat(deliveryStates(eventId)).containsEntry("erp", "dead");
    }

}
