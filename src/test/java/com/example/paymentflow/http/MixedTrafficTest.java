package com.example.paymentflow.http;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RawHttpConnection;
import com.example.paymentflow.support.RunningService;
import com.example.paymentflow.support.TestPostgres;
import com.example.paymentflow.support.WebhookClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients at once, sending every kind of request the endpoint sees, over kept-alive connections: every
 * request gets a complete, well-formed answer of the status its kind calls for, and none is a 5xx. (Before the
 * routes ran on the container's thread, about one answer in ten thousand came out with a broken header line or
 * not at all; see docs/http-rules.md.)
 * <p>
 * The service runs on a database of its own, the new events are of a type that no route delivers, so that the
 * load is the endpoint's only, and the body limit is small, so that oversize requests are cheap to send.
 */
class MixedTrafficTest {

    private static final int CONNECTIONS = 64;
    private static final int REQUESTS = 20_000;
    private static final int BODY_LIMIT = 4096;
    private static final String UNROUTED_TYPE = "test.mixed_traffic";

    private enum Kind {
        NEW(200), DUPLICATE(200), FORGED(401), MALFORMED(400), OVERSIZE(413), WRONG_MEDIA_TYPE(415);

        final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    private static RunningService service;
    private static byte[] storedEvent;

    @BeforeAll
    static void startService() {
        service = RunningService.start(TestPostgres.get().createDatabase(),
                "paymentflow.webhook.max-body-bytes=" + BODY_LIMIT);
        storedEvent = PaymentEvents.bytes(PaymentEvents.event(UNROUTED_TYPE));
        assertThat(service.paymentflow().send(storedEvent).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stopService() {
        service.close();
    }

    @Test
    void twentyThousandMixedRequestsOverSixtyFourConnectionsAreAllAnsweredCompletelyAndNoneWith5xx() throws Exception {
        Map<Kind, Map<Integer, AtomicInteger>> statuses = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger newEvents = new AtomicInteger();
        String runId = PaymentEvents.newId("mix_");
        ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int client = 0; client < CONNECTIONS; client++) {
                int first = client;
                running.add(clients.submit(() -> {
                    RawHttpConnection connection = null;
                    for (int n = first; n < REQUESTS; n += CONNECTIONS) {
                        Kind kind = Kind.values()[n % Kind.values().length];
                        try {
                            if (connection == null || connection.isClosedByServer()) {
                                close(connection);
                                connection = RawHttpConnection.open(service.port(), Duration.ofSeconds(60));
                            }
                            RawHttpConnection.Answer answer = connection.exchange(request(kind, runId + "_" + n));
                            statuses.computeIfAbsent(kind, k -> new ConcurrentHashMap<>())
                                    .computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
                            if (kind == Kind.NEW && answer.status() == 200) {
                                newEvents.incrementAndGet();
                            }
                        } catch (IOException broken) {
                            failures.add(kind + " request " + n + ": " + broken);
                            close(connection);
                            connection = null;
                        }
                    }
                    close(connection);
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(failures).as("requests without a complete answer").isEmpty();
        for (Kind kind : Kind.values()) {
            assertThat(statuses.get(kind)).as(kind.name()).containsOnlyKeys(kind.status);
        }
        int answered = statuses.values().stream().flatMap(byStatus -> byStatus.values().stream())
                .mapToInt(AtomicInteger::get).sum();
        assertThat(answered).isEqualTo(REQUESTS);
        assertThat(service.jdbc().queryForObject("SELECT count(*) FROM inbound_events WHERE event_id LIKE ?",
                Integer.class, runId + "%")).isEqualTo(newEvents.get());
    }

    private static byte[] request(Kind kind, String eventId) {
        String secret = WebhookClient.TEST_SECRET;
        return switch (kind) {
            case NEW -> {
                byte[] body = PaymentEvents.bytes(PaymentEvents.event(UNROUTED_TYPE, eventId, "pay_" + eventId,
                        1234, "customer@example.com"));
                yield WebhookClient.rawPost(body, WebhookClient.sign(body, secret), "application/json");
            }
            case DUPLICATE -> WebhookClient.rawPost(storedEvent, WebhookClient.sign(storedEvent, secret),
                    "application/json");
            case FORGED -> {
                byte[] body = ("{\"id\":\"" + eventId + "\",\"type\":\"payment.succeeded\"}").getBytes(UTF_8);
                yield WebhookClient.rawPost(body, WebhookClient.sign(body, "whsec_forger"), "application/json");
            }
            case MALFORMED -> {
                byte[] body = "{\"type\":\"payment.succeeded\"}".getBytes(UTF_8);
                yield WebhookClient.rawPost(body, WebhookClient.sign(body, secret), "application/json");
            }
            case OVERSIZE -> {
                byte[] body = ("{\"id\":\"" + eventId + "\",\"pad\":\"" + "x".repeat(BODY_LIMIT) + "\"}").getBytes(UTF_8);
                yield WebhookClient.rawPost(body, WebhookClient.sign(body, secret), "application/json");
            }
            case WRONG_MEDIA_TYPE -> WebhookClient.rawPost(storedEvent, WebhookClient.sign(storedEvent, secret),
                    "text/plain");
        };
    }

    private static void close(RawHttpConnection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
