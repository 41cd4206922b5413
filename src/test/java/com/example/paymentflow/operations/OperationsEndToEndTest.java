package com.example.paymentflow.operations;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import com.example.paymentflow.support.EndToEndTest;
import com.example.paymentflow.support.OperatorClient;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.TestEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.BeforeEach;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.example.paymentflow.support.OperatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** End-to-end tests of the operations API and console: an operator, and events whose deliveries fail on purpose. */
abstract class OperationsEndToEndTest extends EndToEndTest {

    protected static final String CONSOLE = "/actuator/hawtio/";
    protected static final String JOLOKIA = "/actuator/jolokia";

    protected OperatorClient operator;

    @BeforeEach
    void signInAsOperator() {
        operator = OperatorClient.operator(baseUrl());
    }

    /** Sends a new event of the type whose ERP delivery the ERP refuses for good (400); returns once it is dead. */
    protected String eventDeadAtErp(String type) {
        ObjectNode event = PaymentEvents.event(type);
        String eventId = PaymentEvents.id(event);
        erpAnswers(eventId, 400);
        assertThat(paymentflow.send(event).statusCode()).isEqualTo(200);
        eventually().until(() -> "dead".equals(deliveryStates(eventId).get("erp")));
        return eventId;
    }

    /**
     * Sends a new event of the type (one routed to the ERP and the ledger), waits until both have it, then forgets
     * its deliveries to the destinations named, as if the routing table had not named them when it came.
     */
    protected String eventDeliveredWithout(String type, String... destinations) {
        ObjectNode event = PaymentEvents.event(type);
        String eventId = PaymentEvents.id(event);
        assertThat(paymentflow.send(event).statusCode()).isEqualTo(200);
        eventually().until(() -> Map.of("erp", "delivered", "ledger", "delivered").equals(deliveryStates(eventId)));
        for (String destination : destinations) {
            long delivery = deliveryId(eventId, destination);
            jdbc.update("DELETE FROM delivery_attempts WHERE delivery_id = ?", delivery);
            jdbc.update("DELETE FROM deliveries WHERE id = ?", delivery);
        }
        return eventId;
    }

    /** The ERP answers this status to requests about the event, until the stub is removed (then 200 again). */
    protected static StubMapping erpAnswers(String eventId, int status) {
        return ENV.erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH))
                .withRequestBody(containing(eventId))
                .atPriority(1)
                .willReturn(aResponse().withStatus(status).withBody("{\"refused\":true}")));
    }

    /** The ERP takes every event again. */
    protected static void erpAcceptsEverything() {
        ENV.erp().getStubMappings().stream()
                .filter(stub -> Integer.valueOf(1).equals(stub.getPriority()))
                .toList()
                .forEach(ENV.erp()::removeStub);
    }

    protected long deliveryId(String eventId, String destination) {
        return jdbc.queryForObject("SELECT id FROM deliveries WHERE event_id = ? AND destination = ?", Long.class,
                eventId, destination);
    }

    protected Instant receivedAt(String eventId) {
        return jdbc.queryForObject("SELECT received_at FROM inbound_events WHERE event_id = ?", OffsetDateTime.class,
                eventId).toInstant();
    }

    /** Loads the console as a browser does, which hands out the CSRF token as a cookie. */
    protected void loadTheConsole() {
        assertThat(operator.get(CONSOLE).statusCode()).isEqualTo(200);
        assertThat(operator.cookie("XSRF-TOKEN")).isNotBlank();
    }

    /**
     * A Jolokia request as the console's script sends it: JSON POST, the operator's credentials, and the CSRF
     * token read from its cookie at the time (a new one may come with any answer).
     */
    protected JsonNode jolokia(String request) {
        HttpResponse<String> answer = operator.send(operator.request(JOLOKIA)
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", operator.cookie("XSRF-TOKEN"))
                .POST(HttpRequest.BodyPublishers.ofString(request)).build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer);
    }
}
