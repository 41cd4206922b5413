package com.example.paymentflow.ledger;

import java.util.Map;

import com.example.paymentflow.support.EndToEndTest;
import com.example.paymentflow.support.PaymentEvents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Payments and refunds are booked in ledger_entries, and an event can never be booked twice. */
class LedgerDeliveryTest extends EndToEndTest {

    @Test
    void succeededPaymentIsBookedWithItsAmountCurrencyAndTime() {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        String eventId = PaymentEvents.id(event);

        paymentflow.send(event);

        eventually().until(() -> ledgerEntries(eventId) == 1);
        Map<String, Object> entry = jdbc.queryForMap("SELECT * FROM ledger_entries WHERE event_id = ?", eventId);
        assertThat(entry).containsEntry("event_type", "payment.succeeded")
                .containsEntry("object_id", PaymentEvents.objectId(event))
                .containsEntry("amount_minor", 2999L)
                .containsEntry("currency", "USD");
        assertThat(((java.sql.Timestamp) entry.get("occurred_at")).toInstant()).isEqualTo(PaymentEvents.created(event));
        assertThat(entry.get("booked_at")).isNotNull();
    }

    @Test
    void refundIsBooked() {
        ObjectNode event = PaymentEvents.event("refund.created");
        String eventId = PaymentEvents.id(event);

        paymentflow.send(event);

        eventually().until(() -> deliveryStates(eventId).equals(Map.of("erp", "delivered", "ledger", "delivered")));
        assertThat(jdbc.queryForObject("SELECT object_id FROM ledger_entries WHERE event_id = ?", String.class, eventId))
                .isEqualTo(PaymentEvents.objectId(event));
    }

    @Test
    void failedPaymentIsNotBooked() {
        ObjectNode event = PaymentEvents.event("payment.failed");
        String eventId = PaymentEvents.id(event);

        paymentflow.send(event);

        eventually().until(() -> "delivered".equals(deliveryStates(eventId).get("email")));
        assertThat(ledgerEntries(eventId)).isZero();
    }

    @Test
    void aSecondBookingOfTheSameEventIsImpossible() {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        String eventId = PaymentEvents.id(event);
        paymentflow.send(event);
        eventually().until(() -> ledgerEntries(eventId) == 1);

        assertThatThrownBy(() -> jdbc.update("INSERT INTO ledger_entries (event_id, event_type, object_id, amount_minor,"
                + " currency, occurred_at) VALUES (?, 'payment.succeeded', 'pay_x', 1, 'USD', now())", eventId))
                .isInstanceOf(DuplicateKeyException.class);
    }
}
