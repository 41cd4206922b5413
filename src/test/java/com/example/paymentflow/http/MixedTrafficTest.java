package com.example.paymentflow.http;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.example.paymentflow.support.EndToEndTest;
import com.example.paymentflow.support.KeptAliveClients;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.WebhookClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients at once, sending every kind of request the endpoint sees, over kept-alive connections: every
 * request gets a complete, well-formed answer of the status its kind calls for, and none is a 5xx. (Before the
 * routes ran on the container's thread, about one answer in ten thousand came out with a broken header line or
 * not at all; see docs/http-rules.md.)
 * <p>
 * The new events are of a type that no route delivers, so that the load is the endpoint's only. The oversize
 * requests announce a body over the limit and are refused (and their connection closed) before it would be sent.
 */
class MixedTrafficTest extends EndToEndTest {

    private static final int CONNECTIONS = 64;
    private static final int REQUESTS = 20_000;
    // paymentflow.webhook.max-body-bytes
    private static final int BODY_LIMIT = 1_048_576;
    private static final String UNROUTED_TYPE = "test.mixed_traffic";
    private static final byte[] STORED_EVENT = PaymentEvents.bytes(PaymentEvents.event(UNROUTED_TYPE));

    private enum Kind {
        NEW(200), DUPLICATE(200), FORGED(401), MALFORMED(400), OVERSIZE(413), WRONG_MEDIA_TYPE(415);

        final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    @BeforeEach
    void theDuplicatesEventIsStored() {
        paymentflow.send(STORED_EVENT);
    }

    @Test
    void twentyThousandMixedRequestsOverSixtyFourConnectionsAreAllAnsweredCompletelyAndNoneWith5xx() throws Exception {
        String runId = PaymentEvents.newId("mix_");

        List<KeptAliveClients.Result> results = KeptAliveClients.send(port, CONNECTIONS, REQUESTS,
                n -> request(kind(n), runId + "_" + n));

        assertThat(results).hasSize(REQUESTS);
        assertThat(results).filteredOn(result -> result.failure() != null)
                .as("requests without a complete answer")
                .extracting(result -> kind(result.number()) + " request " + result.number() + ": " + result.failure())
                .isEmpty();
        Map<Kind, Set<Integer>> statuses = results.stream().collect(Collectors.groupingBy(
                result -> kind(result.number()), Collectors.mapping(result -> result.answer().status(), Collectors.toSet())));
        for (Kind kind : Kind.values()) {
            assertThat(statuses.get(kind)).as(kind.name()).containsOnly(kind.status);
        }
        long newEvents = results.stream().filter(result -> kind(result.number()) == Kind.NEW).count();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbound_events WHERE event_id LIKE ?",
                Long.class, runId + "%")).isEqualTo(newEvents);
    }

    private static Kind kind(int number) {
        return Kind.values()[number % Kind.values().length];
    }

    private static byte[] request(Kind kind, String eventId) {
        String secret = WebhookClient.TEST_SECRET;
        return switch (kind) {
            case NEW -> {
                byte[] body = PaymentEvents.bytes(PaymentEvents.event(UNROUTED_TYPE, eventId, "pay_" + eventId,
                        1234, "customer@example.com"));
                yield WebhookClient.rawPost(body, WebhookClient.sign(body, secret), "application/json");
            }
            case DUPLICATE -> WebhookClient.rawPost(STORED_EVENT, WebhookClient.sign(STORED_EVENT, secret),
                    "application/json");
            case FORGED -> {
                byte[] body = ("{\"id\":\"" + eventId + "\",\"type\":\"payment.succeeded\"}").getBytes(UTF_8);
                yield WebhookClient.rawPost(body, WebhookClient.sign(body, "whsec_forger"), "application/json");
            }
            case MALFORMED -> {
                byte[] body = "{\"type\":\"payment.succeeded\"}".getBytes(UTF_8);
                yield WebhookClient.rawPost(body, WebhookClient.sign(body, secret), "application/json");
            }
            case OVERSIZE -> ("POST " + WebhookClient.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + WebhookClient.SIGNATURE_HEADER + ": " + "0".repeat(64) + "\r\nContent-Length: " + (BODY_LIMIT + 1)
                    + "\r\n\r\n").getBytes(UTF_8);
            case WRONG_MEDIA_TYPE -> WebhookClient.rawPost(STORED_EVENT, WebhookClient.sign(STORED_EVENT, secret),
                    "text/plain");
        };
    }
}
