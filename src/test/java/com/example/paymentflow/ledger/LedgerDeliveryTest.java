package com.example.paymentflow.ledger;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.example.paymentflow.support.EndToEndTest;
import com.example.paymentflow.support.OperatorClient;
import com.example.paymentflow.support.PaymentEvents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Payments and refunds are booked in ledger_entries, the due ones of a poll in one statement, and an event can never
 * be booked twice.
 */
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

    @Test
    void theDueBookingsOfOnePollAreMadeInOneStatement() {
        // the ledger's owner notes the events of every INSERT statement on the table
        jdbc.execute("CREATE TABLE ledger_statements_seen (event_ids text[] NOT NULL)");
        jdbc.execute("CREATE FUNCTION note_ledger_statement() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "INSERT INTO ledger_statements_seen SELECT array_agg(event_id) FROM booked; RETURN NULL; END $$");
        jdbc.execute("CREATE TRIGGER note_ledger_statement AFTER INSERT ON ledger_entries REFERENCING NEW TABLE AS "
                + "booked FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_statement()");
        OperatorClient operator = OperatorClient.operator(baseUrl());
        try {
            operator.post("/api/destinations/ledger/pause", "application/json", "{\"reason\": \"month-end close\"}");
            List<String> eventIds = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ObjectNode event = PaymentEvents.event(i % 3 == 0 ? "refund.created" : "payment.succeeded");
                assertThat(paymentflow.send(event).statusCode()).isEqualTo(200);
                eventIds.add(PaymentEvents.id(event));
            }

            operator.post("/api/destinations/ledger/resume");

            eventually().until(() -> eventIds.stream().allMatch(eventId -> ledgerEntries(eventId) == 1));
            List<List<String>> statementsWithThem = jdbc.queryForList("SELECT event_ids FROM ledger_statements_seen",
                            Array.class).stream()
                    .map(LedgerDeliveryTest::strings)
                    .filter(booked -> booked.stream().anyMatch(eventIds::contains))
                    .toList();
            assertThat(statementsWithThem).singleElement().satisfies(booked -> assertThat(booked).containsAll(eventIds));
            eventIds.forEach(eventId -> assertThat(deliveryStates(eventId)).containsEntry("ledger", "delivered"));
        } finally {
            jdbc.update("DELETE FROM paused_destinations WHERE destination = 'ledger'");
            jdbc.execute("DROP TRIGGER note_ledger_statement ON ledger_entries");
            jdbc.execute("DROP FUNCTION note_ledger_statement()");
            jdbc.execute("DROP TABLE ledger_statements_seen");
        }
    }

    private static List<String> strings(Array array) {
        try {
            return Arrays.asList((String[]) array.getArray());
        } catch (SQLException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}
