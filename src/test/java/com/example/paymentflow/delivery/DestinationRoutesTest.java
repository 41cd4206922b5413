package com.example.paymentflow.delivery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.example.paymentflow.event.EventParser;
import com.example.paymentflow.event.IncompleteEventException;
import com.example.paymentflow.event.PaymentEvent;
import com.example.paymentflow.support.AdvisedRouteTest;
import com.example.paymentflow.support.PaymentEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The destination routes one by one, as the delivery engine calls them (the destination contract: the parsed event as
 * body, headers eventId, eventType, deliveryId, deliveryAttempt), with the ERP and the mail server replaced by mock
 * endpoints (routes advised by id) and the ledger on the real database. Copy one of these for a new destination.
 */
class DestinationRoutesTest extends AdvisedRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ProducerTemplate producer;

    @Autowired
    EventParser parser;

    @Autowired
    JdbcTemplate jdbc;

    @EndpointInject("mock:erp")
    MockEndpoint erp;

    @EndpointInject("mock:mail")
    MockEndpoint mail;

    @Override
    protected void advise() throws Exception {
        AdviceWith.adviceWith(camel, "deliver-to-erp", route -> route.weaveById("call-erp").replace().to("mock:erp"));
        AdviceWith.adviceWith(camel, "deliver-to-email", route -> route.weaveById("send-mail").replace().to("mock:mail"));
    }

    @BeforeEach
    void resetMocks() {
        erp.reset();
        mail.reset();
    }

    @Test
    void erpGetsTheEventAsJsonWithItsIdempotencyKeyAndNoOtherHeader() throws Exception {
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        erp.expectedMessageCount(1);

        Exchange delivered = deliver("erp", event);

        erp.assertIsSatisfied();
        assertThat(delivered.getException()).isNull();
        Exchange request = erp.getExchanges().get(0);
        JsonNode body = JSON.readTree(request.getIn().getBody(String.class));
        assertThat(body.get("event_id").asText()).isEqualTo(PaymentEvents.id(event));
        assertThat(body.get("payment_id").asText()).isEqualTo(PaymentEvents.objectId(event));
        assertThat(body.get("amount_minor").asLong()).isEqualTo(2999);
        assertThat(body.get("currency").asText()).isEqualTo("USD");
        assertThat(request.getIn().getHeaders()).containsOnlyKeys("Idempotency-Key", "Content-Type")
                .containsEntry("Idempotency-Key", PaymentEvents.id(event))
                .containsEntry("Content-Type", "application/json");
    }

    @Test
    void erpDeliveryOfAnEventWithoutAmountFailsForGoodWithoutCallingTheErp() {
        ObjectNode event = PaymentEvents.event("refund.created");
        ((ObjectNode) event.get("data").get("object")).remove("amount");

        Exchange delivered = deliver("erp", event);

        assertThat(delivered.getException()).isInstanceOf(IncompleteEventException.class);
        assertThat(new FailureClassifier().classify(delivered.getException()).retryable()).isFalse();
        assertThat(erp.getReceivedCounter()).isZero();
    }

    @Test
    void emailTellsTheCustomerFromTheMerchantsAddress() throws Exception {
        ObjectNode event = PaymentEvents.event("payment.failed", PaymentEvents.newId("evt_"), PaymentEvents.newId("pay_"),
                1250, "jane@example.com");
        mail.expectedMessageCount(1);

        deliver("email", event);

        mail.assertIsSatisfied();
        Exchange message = mail.getExchanges().get(0);
        assertThat(message.getIn().getHeaders()).containsOnlyKeys("To", "From", "Subject", "Content-Type")
                .containsEntry("To", "jane@example.com")
                .containsEntry("From", "billing@merchant.example")
                .containsEntry("Subject", "Your payment of 12.50 USD failed");
        assertThat(message.getIn().getBody(String.class)).startsWith("Dear Jane Doe,")
                .contains("Payment reference: " + PaymentEvents.objectId(event));
    }

    @Test
    void ledgerBooksTheEventsOfABatchOnceHoweverOftenTheyAreDelivered() {
        ObjectNode refund = PaymentEvents.event("refund.created");
        ObjectNode payment = PaymentEvents.event("payment.succeeded");

        Exchange first = deliverTogether("ledger", List.of(refund, payment));
        Exchange again = deliverTogether("ledger", List.of(payment, refund));

        assertThat(first.getException()).isNull();
        assertThat(again.getException()).isNull();
        assertThat(jdbc.queryForMap("SELECT event_type, object_id, amount_minor, currency FROM ledger_entries "
                + "WHERE event_id = ?", PaymentEvents.id(refund)))
                .containsEntry("event_type", "refund.created")
                .containsEntry("object_id", PaymentEvents.objectId(refund))
                .containsEntry("amount_minor", 2999L)
                .containsEntry("currency", "USD");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entries WHERE event_id IN (?, ?)", Integer.class,
                PaymentEvents.id(refund), PaymentEvents.id(payment))).isEqualTo(2);
    }

    /** Calls a route that books in the outcomes' transaction the way the delivery engine does: a batch at once. */
    private Exchange deliverTogether(String destination, List<ObjectNode> events) {
        List<PaymentEvent> parsed = events.stream().map(event -> parser.parse(PaymentEvents.bytes(event))).toList();
        return producer.send("direct:" + Destination.routeIdOf(destination),
                exchange -> exchange.getIn().setBody(parsed));
    }

    /** Calls the destination's route the way the delivery engine does. */
    private Exchange deliver(String destination, ObjectNode event) {
        PaymentEvent parsed = parser.parse(PaymentEvents.bytes(event));
        Map<String, Object> headers = new HashMap<>();
        headers.put(DeliveryHeaders.EVENT_ID, parsed.id());
        headers.put(DeliveryHeaders.EVENT_TYPE, parsed.type());
        headers.put(DeliveryHeaders.DELIVERY_ID, 1L);
        headers.put(DeliveryHeaders.DELIVERY_ATTEMPT, 1);
        return producer.send("direct:" + Destination.routeIdOf(destination), exchange -> {
            exchange.getIn().setBody(parsed);
            exchange.getIn().setHeaders(headers);
        });
    }
}
