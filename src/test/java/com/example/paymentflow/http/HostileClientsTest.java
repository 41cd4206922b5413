package com.example.paymentflow.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.example.paymentflow.ingest.RefusalReason;
import com.example.paymentflow.ingest.WebhookOutcomes;
import com.example.paymentflow.security.RejectedRequestAnswer;
import com.example.paymentflow.support.CapturedLog;
import com.example.paymentflow.support.EndToEndTest;
import com.example.paymentflow.support.OperatorClient;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RawHttpConnection;
import com.example.paymentflow.support.WebhookClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that do not play by the rules get a clean 4xx or a closed connection within seconds, and the service
 * keeps answering everyone else meanwhile.
 */
class HostileClientsTest extends EndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String OPERATOR = "Basic " + Base64.getEncoder().encodeToString(
            (OperatorClient.USERNAME + ":" + OperatorClient.PASSWORD).getBytes(UTF_8));

    @Value("${server.tomcat.threads.max}")
    int containerThreads;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void othersAreStillAnswered() {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        assertThat(paymentflow.send(event).statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestLineOverTheHeaderLimitIsRefused() throws IOException {
        String path = WebhookClient.PATH + "?padding=" + "x".repeat(10_000);

        assertRefusedAndClosed(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n")
                .getBytes(UTF_8));
    }

    @Test
    void headersOverTheSizeLimitAreRefused() throws IOException {
        assertRefusedAndClosed(webhookWithHeaders("X-Padding: " + "x".repeat(10_000) + "\r\n"));
    }

    @Test
    void moreHeadersThanTheLimitAreRefused() throws IOException {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            headers.append("X-Header-").append(i).append(": ").append(i).append("\r\n");
        }

        assertRefusedAndClosed(webhookWithHeaders(headers.toString()));
    }

    @Test
    void aControlCharacterInAHeaderIsAnsweredBadRequestAndLeavesNeitherAStackTraceNorTheValueInTheLog()
            throws IOException {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        byte[] webhook = webhookWithHeaders(event, "X-Probe: probe-secret\u0085\r\n");
        byte[] operations = ("GET /api/deliveries HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + OPERATOR
                + "\r\nX-Probe: probe-secret\u0085\r\n\r\n").getBytes(UTF_8);

        try (CapturedLog log = CapturedLog.start()) {
            assertEachRefusedByTheFirewall(webhook, operations);
            // about these requests only: other tests' services may still be logging in this JVM
            assertThat(log.warningsMentioning("Request to")).isEmpty();
            assertThat(log.warningsMentioning("probe-secret")).isEmpty();
            assertThat(log.linesMentioning("probe-secret")).isEmpty();
        }
        assertThat(storedEvents(PaymentEvents.id(event))).isZero();
    }

    @Test
    void aControlCharacterInAQueryParameterNameIsAnsweredBadRequestWithoutAStackTrace() throws IOException {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        byte[] body = PaymentEvents.bytes(event);
        // the firewall refuses the name when Camel's binding reads the parameters, which wrapped the refusal: it was
        // a 500 with some 140 stack frames logged, for anyone, on the webhook path too
        String head = "POST " + WebhookClient.PATH + "?a%00b=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] webhook = WebhookClient.concat(head.getBytes(UTF_8), body);
        byte[] operations = ("GET /api/deliveries?st%00atus=dead HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                + OPERATOR + "\r\n\r\n").getBytes(UTF_8);

        try (CapturedLog log = CapturedLog.start()) {
            assertEachRefusedByTheFirewall(webhook, operations);
            assertThat(log.linesMentioning("Request to")).isEmpty();
            assertThat(log.linesMentioning("is not allowed")).isEmpty();
        }
        assertThat(storedEvents(PaymentEvents.id(event))).isZero();
    }

    @Test
    void aPathThatSpellsOutALetterIsRefusedWithoutAServerErrorOrAStackTrace() throws IOException {
        // %6A is "j": Tomcat chose Jolokia's servlet, Spring's path parsing then failed (500, stack trace logged)
        try (CapturedLog log = CapturedLog.start()) {
            for (String path : List.of("/actuator/%6Aolokia/read/java.lang:type=Memory", "/actuator/%6aolokia/list",
                    "/api/%64eliveries", "/actuator/health%2Dcheck", WebhookClient.PATH.replace("p", "%70"))) {
                for (String credentials : List.of("", "Authorization: " + OPERATOR + "\r\n")) {
                    try (RawHttpConnection connection = RawHttpConnection.open(port, PATIENCE)) {
                        RawHttpConnection.Answer answer = connection.exchange(("GET " + path + " HTTP/1.1\r\n"
                                + "Host: 127.0.0.1\r\n" + credentials + "\r\n").getBytes(UTF_8));

                        assertThat(answer.status()).as(path).isEqualTo(400);
                        assertThat(answer.bodyText()).as(path).isEqualTo(RejectedRequestAnswer.ANSWER);
                    }
                }
            }
            assertThat(log.linesMentioning("Invalid contextPath")).isEmpty();
            assertThat(log.linesMentioning("%6Aolokia")).isEmpty();
        }
        // what may be encoded still is: a space in an event id is simply not found
        assertThat(OperatorClient.operator(baseUrl()).get("/api/events/evt%20unknown").statusCode()).isEqualTo(404);
    }

    @Test
    void bodiesTrickledByteByByteHoldNoThreadAndAreCutAfterTheTimeout() throws Exception {
        // more slow clients than the container has threads: were a thread waiting on each, nobody else got one
        int slowClients = containerThreads + 24;
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < slowClients; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout((int) PATIENCE.toMillis());
                socket.getOutputStream().write(("POST " + WebhookClient.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{").getBytes(UTF_8));
                slow.add(socket);
            }
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> trickle(slow));

            ObjectNode event = PaymentEvents.event("payment.succeeded");
            HttpResponse<String> answer = paymentflow.send(event);

            assertThat(answer.statusCode()).isEqualTo(200);
            // answered while every slow client was still waiting: none had been cut to make room
            for (Socket socket : slow) {
                assertThat(socket.getInputStream().available()).isZero();
                assertThat(socket.isClosed()).isFalse();
            }
            for (Socket socket : slow) {
                assertTimedOutOrClosed(socket);
            }
            trickle.cancel(true);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyThatStopsHalfWayIsAnsweredRequestTimeoutItsConnectionClosedAndTheRefusalCounted() throws Exception {
        byte[] request = webhookWithHeaders("");
        double timedOutBefore = bodyTimeouts();
        try (RawHttpConnection connection = RawHttpConnection.open(port, PATIENCE)) {
            // all but the last 10 bytes, then nothing: the container's own idle timeout must not answer first
            connection.send(Arrays.copyOf(request, request.length - 10));

            RawHttpConnection.Answer answer = connection.readAnswer();

            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.bodyText()).isEqualTo("Request timeout: the body did not arrive in time");
            assertThat(answer.closesConnection()).isTrue();
        }
        // counted before the answer was written: an operator sees a flood of stalled bodies, not only its log line
        assertThat(bodyTimeouts()).isEqualTo(timedOutBefore + 1);
    }

    private double bodyTimeouts() {
        return meters.get(WebhookOutcomes.REFUSALS).tag("reason", RefusalReason.BODY_TIMEOUT.tag()).counter().count();
    }

    @Test
    void bytesPastTheDeclaredLengthAreNotLoggedAsARequest() throws Exception {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        ((ObjectNode) event.get("data").get("object").get("customer")).put("name", "ProbeCustomer");
        byte[] body = PaymentEvents.bytes(event);
        int declared = body.length - 30;
        byte[] request = WebhookClient.concat(("POST " + WebhookClient.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\n" + WebhookClient.SIGNATURE_HEADER + ": "
                + WebhookClient.sign(body, WebhookClient.TEST_SECRET) + "\r\nContent-Length: " + declared + "\r\n\r\n")
                .getBytes(UTF_8), body);

        try (CapturedLog log = CapturedLog.start();
             RawHttpConnection connection = RawHttpConnection.open(port, PATIENCE)) {
            connection.send(request);
            // the declared bytes are the request, which the signature does not cover; what follows is no request
            assertThat(connection.readAnswer().status()).isEqualTo(401);
            assertClientErrorOrClosed(connection);
            assertThat(connection.awaitClosedByServer()).isTrue();
            // the server's complaint about it would quote the customer's data
            assertThat(log.anythingMentioning("ProbeCustomer")).isEmpty();
        }
    }

    @Test
    void aBodyThatDeclaresOneKilobyteAndSendsTenMegabytesIsCutOff() throws Exception {
        byte[] declared = ("{\"id\":\"evt_liar\",\"type\":\"payment.succeeded\",\"pad\":\"" + "x".repeat(960) + "\"}")
                .getBytes(UTF_8);
        byte[] head = ("POST " + WebhookClient.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + WebhookClient.SIGNATURE_HEADER + ": " + WebhookClient.sign(declared, WebhookClient.TEST_SECRET) + "\r\n"
                + "Content-Length: 1024\r\n\r\n").getBytes(UTF_8);
        byte[] tenMegabytes = "y".repeat(10 * 1024 * 1024).getBytes(UTF_8);

        try (RawHttpConnection connection = RawHttpConnection.open(port, PATIENCE)) {
            CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                try {
                    connection.send(WebhookClient.concat(head, WebhookClient.concat(declared, new byte[64])));
                    connection.send(tenMegabytes);
                } catch (IOException cutOff) {
                    // the server stopped listening: what this test expects
                }
            });

            // the declared kilobyte is taken as the request, which its signature does not cover (401); what follows
            // is no HTTP request at all (400, connection closed)
            assertClientErrorOrClosed(connection);
            assertThat(connection.awaitClosedByServer()).isTrue();
            flood.get();
        }
    }

    private void assertRefusedAndClosed(byte[] request) throws IOException {
        try (RawHttpConnection connection = RawHttpConnection.open(port, PATIENCE)) {
            connection.send(request);

            assertClientErrorOrClosed(connection);
            assertThat(connection.awaitClosedByServer()).isTrue();
        }
    }

    /**
     * A 4xx answer, or a closed connection: a server that closes while the client still sends resets the
     * connection, and the client may lose the answer that was on its way.
     */
    private static void assertClientErrorOrClosed(RawHttpConnection connection) {
        try {
            assertThat(connection.readAnswer().status()).isBetween(400, 499);
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("neither answered nor closed after " + PATIENCE.toSeconds() + " s");
        } catch (IOException closed) {
            // closed without an answer
        }
    }

    private static byte[] webhookWithHeaders(String extraHeaders) {
        return webhookWithHeaders(PaymentEvents.event("payment.succeeded"), extraHeaders);
    }

    /** Each request on a connection of its own: 400, the firewall's reason, the connection closed. */
    private void assertEachRefusedByTheFirewall(byte[]... requests) throws IOException {
        for (byte[] request : requests) {
            try (RawHttpConnection connection = RawHttpConnection.open(port, PATIENCE)) {
                RawHttpConnection.Answer answer = connection.exchange(request);

                assertThat(answer.status()).isEqualTo(400);
                assertThat(answer.bodyText()).isEqualTo(RejectedRequestAnswer.ANSWER);
                assertThat(answer.closesConnection()).isTrue();
            }
        }
    }

    private static byte[] webhookWithHeaders(ObjectNode event, String extraHeaders) {
        byte[] body = PaymentEvents.bytes(event);
        String head = "POST " + WebhookClient.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + WebhookClient.SIGNATURE_HEADER + ": " + WebhookClient.sign(body, WebhookClient.TEST_SECRET) + "\r\n"
                + extraHeaders + "Content-Length: " + body.length + "\r\n\r\n";
        return WebhookClient.concat(head.getBytes(UTF_8), body);
    }

    /** One more byte every half second on every slow connection, until cancelled or cut off. */
    private static void trickle(List<Socket> sockets) {
        while (!Thread.currentThread().isInterrupted()) {
            for (Socket socket : sockets) {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(' ');
                    out.flush();
                } catch (IOException cutOff) {
                    // this one is done
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException stop) {
                return;
            }
        }
    }

    /** The slow client is answered 408 and disconnected, or just disconnected. */
    private static void assertTimedOutOrClosed(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            String answer = new String(in.readAllBytes(), UTF_8);
            assertThat(answer).satisfiesAnyOf(text -> assertThat(text).isEmpty(),
                    text -> assertThat(text).startsWith("HTTP/1.1 408"));
        } catch (SocketException reset) {
            // closed without an answer
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("a slow client was still connected after " + PATIENCE.toSeconds() + " s");
        }
    }
}
