package com.example.paymentflow.ingest;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;

import com.example.paymentflow.support.AdvisedRouteTest;
import com.example.paymentflow.support.CapturedLog;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RefusingTrigger;
import com.example.paymentflow.support.WebhookClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When storing an event fails, PaymentFlow gets a 5xx with a short reason (503 when the database is unavailable,
 * 500 otherwise), nothing of the event is kept, and its retry is processed as new.
 */
class IngestFailureRouteTest extends AdvisedRouteTest {

    private static final AtomicReference<RuntimeException> FAILURE = new AtomicReference<>();

    @Autowired
    JdbcTemplate jdbc;

    @Override
    protected void advise() throws Exception {
        AdviceWith.adviceWith(camel, "webhook-ingest", route -> route.weaveById("store-event").before()
                .process(exchange -> {
                    RuntimeException failure = FAILURE.get();
                    if (failure != null) {
                        throw failure;
                    }
                }));
    }

    @AfterEach
    void stopFailing() {
        FAILURE.set(null);
    }

    @Test
    void databaseUnavailableIsA503AndTheRetryIsProcessedAsNew() {
        assertAnsweredThenRetriedAsNew(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"),
                503, "Service unavailable: the event was not stored, please retry");
    }

    @Test
    void unexpectedFailureIsA500WithoutStackTraceAndTheRetryIsProcessedAsNew() {
        assertAnsweredThenRetriedAsNew(new IllegalStateException("boom at com.example.Secret"),
                500, "Internal error: the event was not stored, please retry");
    }

    @Test
    void unexpectedFailuresAreLoggedInSummaryWithoutTheCustomersAddressOrAStackTrace() {
        // as a routing table whose expression the event breaks fails: Camel quotes the value it read
        FAILURE.set(new ExpressionFailure("Method with name: endswith('x') not found on bean: "
                + "leaky.person@example.com of type: java.lang.String"));
        try (CapturedLog log = CapturedLog.start()) {
            for (int i = 0; i < 5; i++) {
                assertThat(paymentflow().send(PaymentEvents.event("payment.succeeded")).statusCode()).isEqualTo(500);
            }

            assertThat(log.anythingMentioning("leaky.person")).isEmpty();
            assertThat(log.anythingMentioning("at com.example")).as("no stack trace").isEmpty();
            assertThat(log.linesMentioning("not stored, answering 500: ExpressionFailure: Method with name: "
                    + "endswith('x') not found on bean: <address> of type")).hasSize(1);
        }
    }

    @Test
    void aStatementThatFailsHalfwayKeepsNothingOfTheEvent() {
        // the key and the event are written by the statement before its deliveries insert fails
        ObjectNode event = PaymentEvents.event("payment.succeeded", PaymentEvents.newId("evt_halfway_"),
                PaymentEvents.newId("pay_"), 2999, "customer@example.com");
        try (RefusingTrigger trigger = RefusingTrigger.refuse(jdbc, "deliveries", "event_id", "evt_halfway_",
                "deliveries refused")) {
            HttpResponse<String> answer = paymentflow().send(event);

            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(answer.body()).isEqualTo("Internal error: the event was not stored, please retry");
            assertNothingKept(PaymentEvents.id(event));
        }
        assertThat(paymentflow().send(event).body()).isEqualTo("Webhook received");
    }

    /** Storing fails; then PaymentFlow retries, and then sends a copy. */
    private void assertAnsweredThenRetriedAsNew(RuntimeException failure, int status, String reason) {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        FAILURE.set(failure);

        HttpResponse<String> answer = paymentflow().send(event);

        assertThat(answer.statusCode()).isEqualTo(status);
        assertThat(answer.body()).isEqualTo(reason);
        assertNothingKept(PaymentEvents.id(event));

        FAILURE.set(null);
        assertThat(paymentflow().send(event).body()).isEqualTo("Webhook received");
        assertThat(paymentflow().send(event).body()).isEqualTo("Event already processed");
    }

    private void assertNothingKept(String eventId) {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_keys WHERE message_id = ?", Integer.class,
                eventId)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbound_events WHERE event_id = ?", Integer.class,
                eventId)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM deliveries WHERE event_id = ?", Integer.class,
                eventId)).isZero();
    }

    private WebhookClient paymentflow() {
        return new WebhookClient("http://127.0.0.1:" + port);
    }

    /** Of its own kind: the summary's first line is this test's, whatever else this context logged */
    private static final class ExpressionFailure extends IllegalArgumentException {

        ExpressionFailure(String message) {
            super(message);
        }
    }
}
