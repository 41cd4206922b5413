package com.example.paymentflow.ingest;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.example.paymentflow.support.AdvisedRouteTest;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.WebhookClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.jdbc.PgConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When storing an event fails after its idempotency key and the event were written, everything is rolled back:
 * PaymentFlow gets a 5xx with a short reason, and its retry is processed as new.
 */
class IngestFailureRouteTest extends AdvisedRouteTest {

    private static final AtomicReference<Runnable> FAILURE = new AtomicReference<>();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Override
    protected void advise() throws Exception {
        // fail after the key and the event are written, inside the transaction
        AdviceWith.adviceWith(camel, "accept-event", route -> route.weaveByToUri("direct:route-event").before()
                .process(exchange -> {
                    Runnable failure = FAILURE.get();
                    if (failure != null) {
                        failure.run();
                    }
                }));
    }

    @AfterEach
    void stopFailing() {
        FAILURE.set(null);
    }

    @Test
    void databaseUnavailableIsA503AndTheRetryIsProcessedAsNew() {
        assertAnsweredThenRetriedAsNew(() -> {
            throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
        }, 503, "Service unavailable: the event was not stored, please retry");
    }

    @Test
    void unexpectedFailureIsA500WithoutStackTraceAndTheRetryIsProcessedAsNew() {
        assertAnsweredThenRetriedAsNew(() -> {
            throw new IllegalStateException("boom at com.example.Secret");
        }, 500, "Internal error: the event was not stored, please retry");
    }

    @Test
    void connectionDyingMidTransactionSoThatNotEvenTheRollbackWorksIsA503() {
        assertAnsweredThenRetriedAsNew(() -> {
            try {
                // the database goes away under the transaction's connection
                DataSourceUtils.getConnection(dataSource).unwrap(PgConnection.class).close();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            throw new DataAccessResourceFailureException("An I/O error occurred while sending to the backend");
        }, 503, "Service unavailable: the event was not stored, please retry");
    }

    /** The failure happens inside the ingest transaction; then PaymentFlow retries, and then sends a copy. */
    private void assertAnsweredThenRetriedAsNew(Runnable failure, int status, String reason) {
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
}
