package com.example.paymentflow.signature;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.example.paymentflow.ingest.WebhookOutcomes;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RunningService;
import com.example.paymentflow.support.TestPostgres;
import com.example.paymentflow.support.WebhookClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service with WEBHOOK_SIGNATURE_SCHEME=standard-webhooks and two secrets (a rotation): what PaymentFlow
 * signs that way is received, and what is too old is refused and counted as such.
 */
class StandardWebhooksEndToEndTest {

    private static final String CURRENT = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String PREVIOUS = "whsec_" + Base64.getEncoder().encodeToString("previous-key-24-bytes-long".getBytes(UTF_8));

    private static RunningService service;
    private static WebhookClient paymentflow;

    @BeforeAll
    static void start() {
        service = RunningService.start(TestPostgres.get().createDatabase(),
                "paymentflow.signature.scheme=standard-webhooks",
                "paymentflow.signature.secrets=" + CURRENT + "," + PREVIOUS,
                "paymentflow.signature.tolerance=300");
        paymentflow = service.paymentflow();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aWebhookSignedWithEitherSecretIsReceivedAndItsSignatureKept() {
        for (String secret : new String[] {CURRENT, PREVIOUS}) {
            ObjectNode event = PaymentEvents.event("payment.succeeded");
            byte[] body = PaymentEvents.bytes(event);
            long now = Instant.now().getEpochSecond();
            String signature = sign(secret, "msg_" + PaymentEvents.id(event), now, body);

            HttpResponse<String> answer = post(body, "msg_" + PaymentEvents.id(event), now, signature);

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("Webhook received");
            assertThat(service.jdbc().queryForObject("SELECT signature FROM inbound_events WHERE event_id = ?",
                    String.class, PaymentEvents.id(event))).isEqualTo(signature);
        }
    }

    @Test
    void aGenuineButOldWebhookIsRefusedAsOutOfTolerance() {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        byte[] body = PaymentEvents.bytes(event);
        long tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond();
        double before = refusals("timestamp_out_of_tolerance");

        HttpResponse<String> answer = post(body, "msg_old", tenMinutesAgo, sign(CURRENT, "msg_old", tenMinutesAgo, body));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(refusals("timestamp_out_of_tolerance")).isEqualTo(before + 1);
        assertThat(service.jdbc().queryForObject("SELECT count(*) FROM inbound_events WHERE event_id = ?",
                Integer.class, PaymentEvents.id(event))).isZero();
    }

    @Test
    void theDefaultSchemesHeaderAloneIsNoSignatureHere() {
        byte[] body = PaymentEvents.bytes(PaymentEvents.event("payment.succeeded"));
        double before = refusals("signature_missing");

        HttpResponse<String> answer = paymentflow.post(body, WebhookClient.sign(body, CURRENT), "application/json");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(refusals("signature_missing")).isEqualTo(before + 1);
    }

    private static HttpResponse<String> post(byte[] body, String id, long timestamp, String signature) {
        return paymentflow.execute(HttpRequest.newBuilder(URI.create(paymentflow.endpoint()))
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    /** Signs as the Standard Webhooks libraries do. */
    private static String sign(String secret, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double refusals(String reason) {
        return service.bean(MeterRegistry.class).get(WebhookOutcomes.REFUSALS).tag("reason", reason).counter().count();
    }
}
