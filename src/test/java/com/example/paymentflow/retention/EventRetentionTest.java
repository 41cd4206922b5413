package com.example.paymentflow.retention;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.example.paymentflow.support.CapturedLog;
import com.example.paymentflow.support.EndToEndTest;
import com.example.paymentflow.support.PaymentEvents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivered events older than the retention are purged with their attempt log and idempotency key; events with a
 * delivery still to do stay; the ledger stays. An event older than the retention is never processed again.
 */
class EventRetentionTest extends EndToEndTest {

    @Autowired
    EventRetention retention;

    @Test
    void deliveredEventsOlderThanTheRetentionArePurgedWithTheirKeysAndAttempts() {
        ObjectNode delivered = PaymentEvents.event("payment.succeeded");
        ObjectNode deadAtErp = PaymentEvents.event("payment.succeeded");
        String deliveredId = PaymentEvents.id(delivered);
        String deadId = PaymentEvents.id(deadAtErp);
        ENV.erp().stubFor(post(urlPathEqualTo(com.example.paymentflow.support.TestEnvironment.ERP_PATH))
                .withRequestBody(containing(deadId)).atPriority(1)
                .willReturn(aResponse().withStatus(400)));
        paymentflow.send(delivered);
        paymentflow.send(deadAtErp);
        eventually().until(() -> deliveryStates(deliveredId).values().stream().allMatch("delivered"::equals)
                && "dead".equals(deliveryStates(deadId).get("erp")));
        jdbc.update("UPDATE inbound_events SET received_at = now() - interval '31 days' WHERE event_id IN (?, ?)",
                deliveredId, deadId);

        int purged = 0;
        for (int batch = retention.purgeBatch(); batch > 0; batch = retention.purgeBatch()) {
            purged += batch;
        }

        assertThat(purged).isGreaterThanOrEqualTo(1);
        assertThat(storedEvents(deliveredId)).isZero();
        assertThat(deliveryStates(deliveredId)).isEmpty();
        assertThat(count("SELECT count(*) FROM idempotency_keys WHERE message_id = ?", deliveredId)).isZero();
        assertThat(ledgerEntries(deliveredId)).isEqualTo(1);
        assertThat(storedEvents(deadId)).isEqualTo(1);
        assertThat(deliveryStates(deadId)).containsEntry("erp", "dead").containsEntry("ledger", "delivered");
        assertThat(count("SELECT count(*) FROM idempotency_keys WHERE message_id = ?", deadId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id "
                + "WHERE d.event_id = ?", deadId)).isEqualTo(2);
    }

    @Test
    void anEventCreatedBeforeTheRetentionIsAnsweredAsProcessedAndNotStored() {
        ObjectNode old = PaymentEvents.event("payment.succeeded");
        old.put("created", Instant.now().minus(31, ChronoUnit.DAYS).getEpochSecond());
        ObjectNode recent = PaymentEvents.event("payment.succeeded");
        recent.put("created", Instant.now().minus(29, ChronoUnit.DAYS).getEpochSecond());

        assertThat(paymentflow.send(old).body()).isEqualTo("Event already processed");
        assertThat(paymentflow.send(recent).body()).isEqualTo("Webhook received");
        assertThat(storedEvents(PaymentEvents.id(old))).isZero();
        assertThat(count("SELECT count(*) FROM idempotency_keys WHERE message_id = ?", PaymentEvents.id(old))).isZero();
    }

    @Test
    void anOldEventSentAgainAndAgainIsLoggedOnceThenCounted() {
        ObjectNode old = PaymentEvents.event("payment.succeeded");
        old.put("created", Instant.now().minus(40, ChronoUnit.DAYS).getEpochSecond());
        String oldId = PaymentEvents.id(old);

        try (CapturedLog log = CapturedLog.start()) {
            for (int copy = 0; copy < 30; copy++) {
                assertThat(paymentflow.send(old).body()).isEqualTo("Event already processed");
            }

            // at most: a window opened by another test's old event within the minute may hold this one back too
            assertThat(log.linesMentioning("older than the retention")).hasSizeLessThanOrEqualTo(1);
        }
        assertThat(storedEvents(oldId)).isZero();
    }

    private int count(String sql, String eventId) {
        return jdbc.queryForObject(sql, Integer.class, eventId);
    }
}
