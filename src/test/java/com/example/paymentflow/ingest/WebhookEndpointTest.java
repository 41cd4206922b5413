package com.example.paymentflow.ingest;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

import com.example.paymentflow.support.EndToEndTest;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RawHttpConnection;
import com.example.paymentflow.support.WebhookClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP contract of POST /webhooks/paymentflow, as PaymentFlow sees it. */
class WebhookEndpointTest extends EndToEndTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void genuineNewEventIsReceivedAndStoredOnce() {
        ObjectNode event = PaymentEvents.event("payment.succeeded");

        HttpResponse<String> answer = paymentflow.send(event);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("Webhook received");
        assertThat(storedEvents(PaymentEvents.id(event))).isEqualTo(1);
    }

    @Test
    void sameEventAgainIsAcknowledgedAsAlreadyProcessed() {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        paymentflow.send(event);

        HttpResponse<String> again = paymentflow.send(event);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("Event already processed");
        assertThat(storedEvents(PaymentEvents.id(event))).isEqualTo(1);
    }

    @Test
    void thirtyTwoConcurrentCopiesAreProcessedOnceAndAllAnswered200() throws Exception {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        byte[] body = PaymentEvents.bytes(event);
        int copies = 32;
        CyclicBarrier start = new CyclicBarrier(copies);
        ExecutorService senders = Executors.newFixedThreadPool(copies);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < copies; i++) {
                Callable<HttpResponse<String>> copy = () -> {
                    start.await();
                    return paymentflow.send(body);
                };
                answers.add(senders.submit(copy));
            }
            List<String> bodies = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(200);
                bodies.add(answer.get().body());
            }
            assertThat(bodies).containsOnlyOnce("Webhook received");
            assertThat(bodies).filteredOn("Event already processed"::equals).hasSize(copies - 1);
        } finally {
            senders.shutdownNow();
        }
        String eventId = PaymentEvents.id(event);
        assertThat(storedEvents(eventId)).isEqualTo(1);
        eventually().until(() -> deliveryStates(eventId).equals(Map.of("erp", "delivered", "ledger", "delivered")));
        assertThat(erpRequestsMentioning(eventId)).hasSize(1);
        assertThat(ledgerEntries(eventId)).isEqualTo(1);
    }

    @Test
    void wrongSignatureIsRefusedAndLeavesNoTraceSoTheGenuineEventIsProcessedAfterwards() {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        byte[] body = PaymentEvents.bytes(event);
        double failuresBefore = refusals("signature_mismatch");

        HttpResponse<String> forged = paymentflow.post(body, WebhookClient.sign(body, "whsec_not_ours"),
                "application/json");

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).isEqualTo("Invalid signature");
        assertThat(refusals("signature_mismatch")).isEqualTo(failuresBefore + 1);
        assertThat(storedEvents(PaymentEvents.id(event))).isZero();

        HttpResponse<String> genuine = paymentflow.send(body);
        assertThat(genuine.body()).isEqualTo("Webhook received");
    }

    @Test
    void missingSignatureIsRefused() {
        ObjectNode event = PaymentEvents.event("payment.succeeded");

        HttpResponse<String> answer = paymentflow.post(PaymentEvents.bytes(event), null, "application/json");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo("Invalid signature");
        assertThat(storedEvents(PaymentEvents.id(event))).isZero();
    }

    @Test
    void signatureOverReserialisedJsonIsRefused() {
        // what PaymentFlow's own Node.js example gets wrong: the signature covers the raw bytes sent
        byte[] sent = "{ \"type\": \"payment.succeeded\",\n  \"id\": \"evt_spaced_0001\" }".getBytes(UTF_8);
        byte[] reserialised = "{\"type\":\"payment.succeeded\",\"id\":\"evt_spaced_0001\"}".getBytes(UTF_8);

        HttpResponse<String> answer = paymentflow.post(sent,
                WebhookClient.sign(reserialised, WebhookClient.TEST_SECRET), "application/json");

        assertThat(answer.statusCode()).isEqualTo(401);
    }

    @Test
    void nonAsciiBodyWithOddWhitespaceAndKeyOrderIsVerifiedOnItsRawBytes() {
        String eventId = PaymentEvents.newId("evt_ü_");
        byte[] body = ("{\n\t\"type\" :\"payment.succeeded\",  \"data\":{\"object\":{\"id\":\"pay_é1\",\"amount\":100,"
                + "\"currency\":\"eur\",\"customer\":{\"email\":\"zoë@example.com\",\"name\":\"Zoë Ñúñez 😀\"}}},"
                + "\"id\":\"" + eventId + "\"\r\n}").getBytes(UTF_8);

        HttpResponse<String> answer = paymentflow.send(body);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT payload FROM inbound_events WHERE event_id = ?", byte[].class, eventId))
                .isEqualTo(body);
    }

    @Test
    void previousSecretIsStillAcceptedWhileRotating() {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        byte[] body = PaymentEvents.bytes(event);

        HttpResponse<String> answer = paymentflow.post(body,
                WebhookClient.sign(body, "whsec_test_previous_secret"), "application/json");

        assertThat(answer.statusCode()).isEqualTo(200);
    }

    @Test
    void genuineBodyThatIsNotAnEventIsABadRequest() {
        assertBadRequest("not json at all", "Malformed event: Body is not valid JSON");
        assertBadRequest("[1, 2]", "Malformed event: Body must be a JSON object");
        assertBadRequest("{\"type\":\"payment.succeeded\"}", "Malformed event: Field 'id' must be a non-empty string");
        assertBadRequest("{\"id\":42,\"type\":\"payment.succeeded\"}",
                "Malformed event: Field 'id' must be a non-empty string");
        assertBadRequest("{\"id\":\"evt_1\",\"type\":null}", "Malformed event: Field 'type' must be a non-empty string");
        assertBadRequest("{\"id\":\"evt_1\",\"id\":\"evt_2\",\"type\":\"payment.succeeded\"}",
                "Malformed event: Body is not valid JSON");
        assertBadRequest("", "Malformed event: Body is empty");
    }

    private void assertBadRequest(String body, String reason) {
        HttpResponse<String> answer = paymentflow.send(body.getBytes(UTF_8));
        assertThat(answer.statusCode()).as(body).isEqualTo(400);
        assertThat(answer.body()).as(body).isEqualTo(reason);
    }

    @Test
    void bodyOverOneMebibyteIsRefusedAndOneAtTheLimitIsTaken() {
        String eventId = PaymentEvents.newId("evt_big_");
        String head = "{\"id\":\"" + eventId + "\",\"type\":\"payment.succeeded\",\"padding\":\"";
        String tail = "\"}";
        int limit = 1_048_576;
        byte[] atLimit = (head + "x".repeat(limit - head.length() - tail.length()) + tail).getBytes(UTF_8);
        byte[] overLimit = (head + "x".repeat(limit - head.length() - tail.length() + 1) + tail).getBytes(UTF_8);

        HttpResponse<String> tooLarge = paymentflow.send(overLimit);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).isEqualTo("Payload too large: the limit is 1048576 bytes");

        assertThat(atLimit).hasSize(limit);
        assertThat(paymentflow.send(atLimit).statusCode()).isEqualTo(200);
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedWithoutAContentLength() throws Exception {
        byte[] chunk = "x".repeat(64 * 1024).getBytes(UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /webhooks/paymentflow HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + WebhookClient.SIGNATURE_HEADER + ": " + "0".repeat(64) + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(UTF_8));
            try {
                for (int i = 0; i < 20; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(UTF_8));
                    out.write(chunk);
                    out.write("\r\n".getBytes(UTF_8));
                }
                out.write("0\r\n\r\n".getBytes(UTF_8));
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // the server may answer and close before the whole body is sent
            }
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void aBodyWhoseRestArrivesAfterItsHeadersAndFirstBytesIsVerifiedOnAllItsBytes() throws Exception {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        byte[] body = PaymentEvents.bytes(event);
        byte[] request = WebhookClient.rawPost(body, WebhookClient.sign(body, paymentflow.secret()), "application/json");
        int headersAndHalfTheBody = request.length - body.length / 2;
        try (RawHttpConnection connection = RawHttpConnection.open(port, Duration.ofSeconds(10))) {
            connection.send(Arrays.copyOfRange(request, 0, headersAndHalfTheBody));
            // a network's pause: the first half is read on its own, and the rest is awaited without a thread
            Thread.sleep(300);
            connection.send(Arrays.copyOfRange(request, headersAndHalfTheBody, request.length));

            RawHttpConnection.Answer answer = connection.readAnswer();

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.bodyText()).isEqualTo("Webhook received");
        }
        assertThat(storedEvents(PaymentEvents.id(event))).isEqualTo(1);
    }

    @Test
    void bodyThatIsNotJsonIsAnUnsupportedMediaType() {
        byte[] body = PaymentEvents.bytes(PaymentEvents.event("payment.succeeded"));
        String signature = WebhookClient.sign(body, WebhookClient.TEST_SECRET);

        for (String contentType : new String[] {"text/plain", "application/x-www-form-urlencoded", null}) {
            HttpResponse<String> answer = paymentflow.post(body, signature, contentType);
            assertThat(answer.statusCode()).as(String.valueOf(contentType)).isEqualTo(415);
            assertThat(answer.body()).isEqualTo("Unsupported media type: send application/json");
        }
        assertThat(paymentflow.post(body, signature, "application/json; charset=utf-8").statusCode()).isEqualTo(200);
    }

    @Test
    void aCompressedBodyIsRefusedBeforeAnythingInflatesIt() throws Exception {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        byte[] json = PaymentEvents.bytes(event);
        // 64 MiB of spaces after the event, valid JSON once inflated, about 64 KiB compressed
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(json);
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                gzip.write(spaces);
            }
        }
        byte[] body = compressed.toByteArray();
        double refusedBefore = refusals("unsupported_content_encoding");

        for (String coding : List.of("gzip", "GZIP", "identity, gzip", "deflate", "br")) {
            HttpResponse<String> answer = paymentflow.execute(HttpRequest.newBuilder(URI.create(paymentflow.endpoint()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("Content-Type", "application/json").header("Content-Encoding", coding)
                    .header(WebhookClient.SIGNATURE_HEADER, WebhookClient.sign(body, WebhookClient.TEST_SECRET))
                    .build());

            assertThat(answer.statusCode()).as(coding).isEqualTo(415);
            assertThat(answer.body()).isEqualTo("Unsupported content encoding: send the body uncompressed");
        }
        assertThat(refusals("unsupported_content_encoding")).isEqualTo(refusedBefore + 5);
        assertThat(storedEvents(PaymentEvents.id(event))).isZero();
        HttpResponse<String> identity = paymentflow.execute(HttpRequest.newBuilder(URI.create(paymentflow.endpoint()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .header("Content-Type", "application/json").header("Content-Encoding", "identity")
                .header(WebhookClient.SIGNATURE_HEADER, WebhookClient.sign(json, WebhookClient.TEST_SECRET)).build());
        assertThat(identity.body()).isEqualTo("Webhook received");
    }

    @Test
    void noSpellingOfThePathGetsPastTheMediaTypeAndSizeChecks() {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        byte[] body = PaymentEvents.bytes(event);
        HttpRequest request = HttpRequest.newBuilder(URI.create(paymentflow.endpoint() + ";version=1"))
                .header("Content-Type", "text/plain")
                .header(WebhookClient.SIGNATURE_HEADER, WebhookClient.sign(body, WebhookClient.TEST_SECRET))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();

        assertThat(paymentflow.execute(request).statusCode()).isBetween(400, 415);
        assertThat(storedEvents(PaymentEvents.id(event))).isZero();
    }

    @Test
    void aWebhookIsJudgedByItsSignatureAloneWhateverCredentialsItCarriesAndGetsTheSecurityHeaders() {
        // a proxy or client library that adds credentials of its own must not turn a genuine event away
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        byte[] body = PaymentEvents.bytes(event);
        HttpRequest request = HttpRequest.newBuilder(URI.create(paymentflow.endpoint()))
                .header("Content-Type", "application/json")
                .header(WebhookClient.SIGNATURE_HEADER, WebhookClient.sign(body, WebhookClient.TEST_SECRET))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("someone:wrong".getBytes(UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();

        HttpResponse<String> answer = paymentflow.execute(request);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("Webhook received");
        assertThat(storedEvents(PaymentEvents.id(event))).isEqualTo(1);
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("no-store"));
    }

    @Test
    void unknownEventTypeIsAcknowledgedAndSentNowhere() {
        ObjectNode event = PaymentEvents.event("customer.created");

        HttpResponse<String> answer = paymentflow.send(event);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("Webhook received");
        assertThat(storedEvents(PaymentEvents.id(event))).isEqualTo(1);
        assertThat(deliveryStates(PaymentEvents.id(event))).isEmpty();
    }

    @Test
    void answersCarryNoneOfTheRequestHeaders() {
        byte[] body = PaymentEvents.bytes(PaymentEvents.event("payment.succeeded"));
        String signature = WebhookClient.sign(body, WebhookClient.TEST_SECRET);
        for (String sig : new String[] {signature, "f".repeat(64)}) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(paymentflow.endpoint()))
                    .header("Content-Type", "application/json")
                    .header(WebhookClient.SIGNATURE_HEADER, sig)
                    .header("X-Echo-Probe", "probe-value")
                    .header("User-Agent", "PaymentFlow/1.0")
                    // a name routes may answer with: coming from the request, it is not echoed either
                    .header("Retry-After", "probe-value")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();

            HttpResponse<String> answer = paymentflow.execute(request);

            Map<String, List<String>> headers = answer.headers().map();
            assertThat(headers.keySet()).noneMatch(name -> name.equalsIgnoreCase(WebhookClient.SIGNATURE_HEADER)
                    || name.equalsIgnoreCase("X-Echo-Probe") || name.equalsIgnoreCase("User-Agent")
                    || name.equalsIgnoreCase("Retry-After"));
            assertThat(headers.values().stream().flatMap(List::stream))
                    .noneMatch(value -> value.contains(sig) || value.contains("probe-value"));
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
        }
    }

    @Test
    void everyRefusalReasonAndOutcomeIsCountedFromZeroFromTheStart() {
        for (RefusalReason reason : RefusalReason.values()) {
            assertThat(meters.find(WebhookOutcomes.REFUSALS).tag("reason", reason.tag()).counter())
                    .as(reason.tag()).isNotNull();
        }
        for (String outcome : List.of("received", "duplicate", "refused", "unavailable")) {
            assertThat(meters.find(WebhookOutcomes.WEBHOOKS).tag("outcome", outcome).counter()).as(outcome).isNotNull();
        }
    }

    @Test
    void eachAnswerIsCountedByOutcomeAndEachRefusalByReason() {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        byte[] body = PaymentEvents.bytes(event);
        double received = outcomes("received");
        double duplicate = outcomes("duplicate");
        double refused = outcomes("refused");
        double malformed = refusals("malformed_event");
        double tooLarge = refusals("payload_too_large");
        double mediaType = refusals("unsupported_media_type");
        double missing = refusals("signature_missing");

        paymentflow.send(body);
        paymentflow.send(body);
        paymentflow.send("{}".getBytes(UTF_8));
        paymentflow.send(new byte[1_048_577]);
        paymentflow.post(body, WebhookClient.sign(body, WebhookClient.TEST_SECRET), "text/plain");
        paymentflow.post(body, null, "application/json");

        assertThat(outcomes("received")).isEqualTo(received + 1);
        assertThat(outcomes("duplicate")).isEqualTo(duplicate + 1);
        assertThat(outcomes("refused")).isEqualTo(refused + 4);
        assertThat(refusals("malformed_event")).isEqualTo(malformed + 1);
        assertThat(refusals("payload_too_large")).isEqualTo(tooLarge + 1);
        assertThat(refusals("unsupported_media_type")).isEqualTo(mediaType + 1);
        assertThat(refusals("signature_missing")).isEqualTo(missing + 1);
    }

    private double refusals(String reason) {
        return meters.get(WebhookOutcomes.REFUSALS).tag("reason", reason).counter().count();
    }

    private double outcomes(String outcome) {
        return meters.get(WebhookOutcomes.WEBHOOKS).tag("outcome", outcome).counter().count();
    }
}
