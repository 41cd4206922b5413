package com.example.paymentflow.erp;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.example.paymentflow.support.EndToEndTest;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.TestEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/** Events bound for the ERP reach it over HTTP, once, in the background, whatever the ERP does meanwhile. */
class ErpDeliveryTest extends EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void succeededPaymentIsPostedToTheErpAsJsonWithItsIdempotencyKey() throws Exception {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        String eventId = PaymentEvents.id(event);
        // what else PaymentFlow may tell of the customer stays here
        ((ObjectNode) event.get("data").get("object").get("customer")).put("phone", "+15550001111")
                .putObject("address").put("line1", "1 Main Street");

        paymentflow.send(event);

        eventually().until(() -> erpRequestsMentioning(eventId).size() == 1);
        LoggedRequest request = erpRequestsMentioning(eventId).get(0);
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo(eventId);
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(request.getBodyAsString());
        assertThat(body.get("event_id").asText()).isEqualTo(eventId);
        assertThat(body.get("event_type").asText()).isEqualTo("payment.succeeded");
        assertThat(body.get("payment_id").asText()).isEqualTo(PaymentEvents.objectId(event));
        assertThat(body.get("amount_minor").asLong()).isEqualTo(2999);
        assertThat(body.get("currency").asText()).isEqualTo("USD");
        assertThat(body.get("customer")).isEqualTo(JSON.readTree("{\"email\":\"customer@example.com\",\"name\":\"Jane Doe\"}"));
        assertThat(body.get("occurred_at").asText()).isEqualTo(PaymentEvents.created(event).toString());
        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("erp")));
    }

    @Test
    void anEventIdBeyondAsciiIsAnIdempotencyKeyOfItsOwn() throws Exception {
        // an HTTP header carries ASCII only: sent as they were, both ids reached the ERP as "evt_??"
        ObjectNode first = PaymentEvents.event("payment.succeeded").put("id", "evt_\u7528\u6237");
        ObjectNode second = PaymentEvents.event("payment.succeeded").put("id", "evt_\u4f8b\u5b50");

        paymentflow.send(first);
        paymentflow.send(second);

        eventually().until(() -> erpRequestsMentioning(PaymentEvents.objectId(first)).size() == 1
                && erpRequestsMentioning(PaymentEvents.objectId(second)).size() == 1);
        LoggedRequest request = erpRequestsMentioning(PaymentEvents.objectId(first)).get(0);
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("evt_%E7%94%A8%E6%88%B7");
        assertThat(JSON.readTree(request.getBodyAsString()).get("event_id").asText()).isEqualTo("evt_\u7528\u6237");
        assertThat(erpRequestsMentioning(PaymentEvents.objectId(second)).get(0).getHeader("Idempotency-Key"))
                .isEqualTo("evt_%E4%BE%8B%E5%AD%90");
    }

    @Test
    void anErpAskingToRetryAfterSomeTimeIsNotCalledSooner() {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        String eventId = PaymentEvents.id(event);
        String scenario = "erp-busy-" + eventId;
        ENV.erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH)).withRequestBody(containing(eventId))
                .inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "2")).willSetStateTo("recovered"));
        ENV.erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH)).withRequestBody(containing(eventId))
                .inScenario(scenario).whenScenarioStateIs("recovered").willReturn(aResponse().withStatus(200)));

        paymentflow.send(event);

        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("erp")));
        List<LoggedRequest> calls = erpRequestsMentioning(eventId);
        assertThat(calls).hasSize(2);
        // the retry schedule's own first wait is 300 ms here (and its longest 2 s)
        assertThat(Duration.between(calls.get(0).getLoggedDate().toInstant(), calls.get(1).getLoggedDate().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
        assertThat(jdbc.queryForObject("""
                SELECT a.error FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
                WHERE d.event_id = ? AND d.destination = 'erp' AND a.attempt = 1""", String.class, eventId))
                .isEqualTo("answered HTTP 503, Retry-After 2 s");
    }

    @Test
    void theErpSeesNoHeaderOfTheWebhookNorOfTheService() {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        String eventId = PaymentEvents.id(event);

        paymentflow.send(event);

        eventually().until(() -> erpRequestsMentioning(eventId).size() == 1);
        List<String> headers = erpRequestsMentioning(eventId).get(0).getHeaders().all().stream()
                .map(HttpHeader::key).map(String::toLowerCase).toList();
        assertThat(headers).doesNotContain("paymentflow-signature", "eventid", "eventtype")
                .noneMatch(name -> name.startsWith("camel"));
    }

    @Test
    void refundIsPostedWithItsRefundId() throws Exception {
        ObjectNode event = PaymentEvents.event("refund.created");
        String eventId = PaymentEvents.id(event);

        paymentflow.send(event);

        eventually().until(() -> erpRequestsMentioning(eventId).size() == 1);
        JsonNode body = JSON.readTree(erpRequestsMentioning(eventId).get(0).getBodyAsString());
        assertThat(body.get("event_type").asText()).isEqualTo("refund.created");
        assertThat(body.get("refund_id").asText()).isEqualTo(PaymentEvents.objectId(event));
        assertThat(body.has("payment_id")).isFalse();
    }

    @Test
    void erpFailingThreeTimesGetsTheEventOnceItRecoversAndTheLedgerIsBookedOnlyOnce() {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        String eventId = PaymentEvents.id(event);
        failThenRecover(eventId, 3);

        HttpResponse<String> answer = paymentflow.send(event);

        assertThat(answer.body()).isEqualTo("Webhook received");
        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("erp")));
        List<LoggedRequest> calls = erpRequestsMentioning(eventId);
        assertThat(calls).hasSize(4).allSatisfy(call -> assertThat(call.getHeader("Idempotency-Key")).isEqualTo(eventId));
        assertThat(attemptOutcomes(eventId, "erp")).containsExactly("failed", "failed", "failed", "delivered");
        // the ledger succeeded at once and was never called again because the ERP failed
        assertThat(attemptOutcomes(eventId, "ledger")).containsExactly("delivered");
        assertThat(ledgerEntries(eventId)).isEqualTo(1);
    }

    @Test
    void erpRefusingTheEventWithA4xxMakesTheDeliveryDeadWithoutRetrying() {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        String eventId = PaymentEvents.id(event);
        ENV.erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH)).withRequestBody(containing(eventId))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"unknown customer\"}")));

        paymentflow.send(event);

        eventually().until(() -> "dead".equals(deliveryStates(eventId).get("erp")));
        assertThat(attemptOutcomes(eventId, "erp")).containsExactly("dead");
        assertThat(jdbc.queryForObject("SELECT last_error FROM deliveries WHERE event_id = ? AND destination = 'erp'",
                String.class, eventId)).isEqualTo("answered HTTP 400");
        assertThat(erpRequestsMentioning(eventId)).hasSize(1);
    }

    @Test
    void answersDoNotWaitForASlowErp() {
        ObjectNode slow = PaymentEvents.event("payment.succeeded");
        String slowId = PaymentEvents.id(slow);
        ENV.erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH)).withRequestBody(containing(slowId))
                .willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));

        assertThat(paymentflow.send(slow).statusCode()).isEqualTo(200);
        // the ERP now holds the first delivery for five seconds
        eventually().until(() -> erpRequestsMentioning(slowId).size() == 1);

        ObjectNode next = PaymentEvents.event("payment.succeeded");
        HttpResponse<String> answer = paymentflow.send(next);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("Webhook received");
        // answered while the ERP was still busy with the first event: the answer did not wait for it
        assertThat(deliveryStates(slowId)).containsEntry("erp", "pending");
        eventually().until(() -> deliveryStates(slowId).equals(Map.of("erp", "delivered", "ledger", "delivered")));
    }

    private void failThenRecover(String eventId, int failures) {
        String scenario = "erp-recovers-" + eventId;
        String state = STARTED;
        for (int i = 1; i <= failures; i++) {
            String next = "failed-" + i;
            ENV.erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH)).withRequestBody(containing(eventId))
                    .inScenario(scenario).whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(503)).willSetStateTo(next));
            state = next;
        }
        ENV.erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH)).withRequestBody(containing(eventId))
                .inScenario(scenario).whenScenarioStateIs(state)
                .willReturn(aResponse().withStatus(200)));
    }

    private List<String> attemptOutcomes(String eventId, String destination) {
        return jdbc.queryForList("""
                SELECT a.outcome FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
                WHERE d.event_id = ? AND d.destination = ? ORDER BY a.attempt""", String.class, eventId, destination);
    }
}
