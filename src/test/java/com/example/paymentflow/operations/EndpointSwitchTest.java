package com.example.paymentflow.operations;

import java.net.http.HttpResponse;

import com.example.paymentflow.ingest.WebhookOutcomes;
import com.example.paymentflow.support.OperatorClient;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RawHttpConnection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.example.paymentflow.support.OperatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook endpoint's off switch, over the operations API and the console: while disabled, PaymentFlow is
 * answered 503 with Retry-After and sends the webhook again later, so nothing is lost.
 */
@ExtendWith(OutputCaptureExtension.class)
class EndpointSwitchTest extends OperationsEndToEndTest {

    private static final String MBEAN = ManagedEndpointOperations.OBJECT_NAME;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void enableAgain() {
        assertThat(operator.post("/api/endpoint/enable", "application/json", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void aDisableSentWithNoBodyAtAllIsAskedForItsReasonAndAnEnableIsTaken() throws Exception {
        RawHttpConnection.Answer disable = operator.postWithoutContentLength("/api/endpoint/disable");
        RawHttpConnection.Answer enable = operator.postWithoutContentLength("/api/endpoint/enable");

        assertThat(disable.status()).isEqualTo(400);
        assertThat(disable.bodyText()).contains("give a reason");
        assertThat(enable.status()).isEqualTo(200);
    }

    @Test
    void whileDisabledWebhooksAreAnswered503WithRetryAfterAndTakenOnceEnabledAgain() {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        double disabledRefusals = meters.get(WebhookOutcomes.REFUSALS).tag("reason", "endpoint_disabled").counter().count();
        double unavailable = meters.get(WebhookOutcomes.WEBHOOKS).tag("outcome", "unavailable").counter().count();

        HttpResponse<String> disabled = operator.post("/api/endpoint/disable", "application/json",
                "{\"reason\": \"secret leaked, rotating it\"}");

        assertThat(disabled.statusCode()).isEqualTo(200);
        JsonNode state = json(operator.get("/api/endpoint"));
        assertThat(state.get("enabled").asBoolean()).isFalse();
        assertThat(state.get("reason").asText()).isEqualTo("secret leaked, rotating it");
        assertThat(state.get("by").asText()).isEqualTo(OperatorClient.USERNAME);
        assertThat(state.get("since").asText()).isNotBlank();
        assertThat(json(disabled)).isEqualTo(state);

        HttpResponse<String> refused = paymentflow.send(event);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("300");
        assertThat(refused.body()).isEqualTo("Service unavailable: the endpoint is disabled, please retry later");
        assertThat(storedEvents(PaymentEvents.id(event))).isZero();
        assertThat(meters.get(WebhookOutcomes.REFUSALS).tag("reason", "endpoint_disabled").counter().count())
                .isEqualTo(disabledRefusals + 1);
        assertThat(meters.get(WebhookOutcomes.WEBHOOKS).tag("outcome", "unavailable").counter().count())
                .isEqualTo(unavailable + 1);

        HttpResponse<String> enabled = operator.post("/api/endpoint/enable", "application/json",
                "{\"reason\": \"new secret in place\"}");

        assertThat(enabled.statusCode()).isEqualTo(200);
        assertThat(json(enabled).get("enabled").asBoolean()).isTrue();
        HttpResponse<String> retried = paymentflow.send(event);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).isEqualTo("Webhook received");
        assertThat(retried.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void eachChangeIsLoggedAndKeptWithWhoAndWhy(CapturedOutput output) {
        long before = changes();

        operator.post("/api/endpoint/disable", "application/json", "{\"reason\": \"flood of forged requests\"}");
        operator.post("/api/endpoint/enable", "application/json", "{\"reason\": \"flood over\"}");

        assertThat(output.getOut()).contains("Webhook endpoint disabled by operator: flood of forged requests",
                "Webhook endpoint enabled by operator: flood over");
        assertThat(changes()).isEqualTo(before + 2);
        assertThat(jdbc.queryForList("SELECT reason FROM endpoint_switch_changes ORDER BY id DESC LIMIT 2", String.class))
                .containsExactly("flood over", "flood of forged requests");
    }

    @Test
    void disablingNeedsTheOperatorAndAReasonOnOneLine() {
        for (String body : new String[] {"{}", "{\"reason\": \"  \"}", "{\"reason\": \"two\\nlines\"}", ""}) {
            HttpResponse<String> refused = operator.post("/api/endpoint/disable", "application/json", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(json(refused).get("error").asText()).as(body).isNotBlank();
        }
        HttpResponse<String> wrongForm = operator.post("/api/endpoint/disable", "application/json",
                "{\"reason\": [\"a list\"]}");
        assertThat(wrongForm.statusCode()).isEqualTo(400);
        assertThat(json(wrongForm).get("error").asText())
                .isEqualTo("the request body is JSON, but not of the form {\"reason\": \"...\"}");
        HttpResponse<String> stranger = OperatorClient.anonymous(baseUrl()).post("/api/endpoint/disable",
                "application/json", "{\"reason\": \"let me in\"}");

        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(json(operator.get("/api/endpoint")).get("enabled").asBoolean()).isTrue();
        assertThat(paymentflow.send(PaymentEvents.event("payment.succeeded")).statusCode()).isEqualTo(200);
    }

    @Test
    void theConsoleDisablesAndEnablesThroughTheMBean() {
        loadTheConsole();

        JsonNode disabled = jolokia("""
                {"type": "exec", "mbean": "%s", "operation": "disable", "arguments": ["maintenance of the ERP"]}"""
                .formatted(MBEAN));
        JsonNode attributes = jolokia("""
                {"type": "read", "mbean": "%s"}""".formatted(MBEAN)).get("value");

        assertThat(disabled.get("status").asInt()).as(disabled.toString()).isEqualTo(200);
        assertThat(attributes.get("Enabled").asBoolean()).isFalse();
        assertThat(attributes.get("Reason").asText()).isEqualTo("maintenance of the ERP");
        assertThat(attributes.get("By").asText()).isEqualTo(OperatorClient.USERNAME);
        assertThat(paymentflow.send(PaymentEvents.event("payment.succeeded")).statusCode()).isEqualTo(503);

        JsonNode noReason = jolokia("""
                {"type": "exec", "mbean": "%s", "operation": "disable", "arguments": [""]}""".formatted(MBEAN));
        JsonNode enabled = jolokia("""
                {"type": "exec", "mbean": "%s", "operation": "enable", "arguments": [""]}""".formatted(MBEAN));

        assertThat(noReason.get("status").asInt()).isNotEqualTo(200);
        assertThat(noReason.toString()).contains("give a reason");
        assertThat(enabled.get("status").asInt()).as(enabled.toString()).isEqualTo(200);
        assertThat(paymentflow.send(PaymentEvents.event("payment.succeeded")).statusCode()).isEqualTo(200);
    }

    private long changes() {
        return jdbc.queryForObject("SELECT count(*) FROM endpoint_switch_changes", Long.class);
    }
}
