package com.example.paymentflow.ingest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.example.paymentflow.event.PaymentEvent;
import com.example.paymentflow.support.AdvisedRouteTest;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.WebhookClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.EndpointInject;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest route (webhook-ingest.camel.yaml) with its storing step replaced by a mock endpoint: what it answers,
 * and what it hands over to be stored (the parsed event and the destinations of the routing table). Over HTTP, as
 * PaymentFlow calls it.
 */
class WebhookIngestRouteTest extends AdvisedRouteTest {

    private static final AtomicBoolean STORED_AS_NEW = new AtomicBoolean(true);

    @EndpointInject("mock:store")
    MockEndpoint store;

    @Override
    protected void advise() throws Exception {
        AdviceWith.adviceWith(camel, "webhook-ingest", route -> route.weaveById("store-event").replace()
                .to("mock:store")
                .process(exchange -> exchange.setProperty("stored", STORED_AS_NEW.get())));
    }

    @BeforeEach
    void resetStore() {
        store.reset();
        STORED_AS_NEW.set(true);
    }

    @Test
    void aGenuineNewEventIsStoredWithTheDestinationsOfItsTypeAndAcknowledged() throws Exception {
        ObjectNode event = PaymentEvents.event("refund.created");
        store.expectedMessageCount(1);
        store.expectedHeaderReceived("eventId", PaymentEvents.id(event));
        store.expectedHeaderReceived("eventType", "refund.created");
        store.expectedHeaderReceived("destinations", "ledger, erp");

        assertThat(paymentflow().send(event).body()).isEqualTo("Webhook received");

        store.assertIsSatisfied();
        assertThat(store.getExchanges().get(0).getIn().getBody()).isInstanceOf(PaymentEvent.class);
    }

    @Test
    void theRequestsHeadersEndAtTheSignatureCheck() throws Exception {
        store.expectedMessageCount(1);

        assertThat(paymentflow().send(PaymentEvents.event("payment.succeeded")).statusCode()).isEqualTo(200);

        store.assertIsSatisfied();
        assertThat(store.getExchanges().get(0).getIn().getHeaders().keySet())
                .containsOnly("Content-Type", "CamelHttpServletRequest", "eventId", "eventType", "destinations");
    }

    @Test
    void anEventStoredBeforeIsAnsweredAsAlreadyProcessed() {
        STORED_AS_NEW.set(false);

        assertThat(paymentflow().send(PaymentEvents.event("payment.succeeded")).body())
                .isEqualTo("Event already processed");
    }

    @Test
    void aForgedEventIsRefusedBeforeAnythingIsStored() {
        byte[] body = PaymentEvents.bytes(PaymentEvents.event("payment.succeeded"));

        var answer = paymentflow().post(body, "0".repeat(64), "application/json");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo("Invalid signature");
        assertThat(store.getReceivedCounter()).isZero();
    }

    @Test
    void anEventOlderThanTheRetentionIsAnsweredAsProcessedWithoutBeingStored() {
        ObjectNode old = PaymentEvents.event("payment.succeeded");
        old.put("created", Instant.now().minus(400, ChronoUnit.DAYS).getEpochSecond());

        assertThat(paymentflow().send(old).body()).isEqualTo("Event already processed");
        assertThat(store.getReceivedCounter()).isZero();
    }

    private WebhookClient paymentflow() {
        return new WebhookClient("http://127.0.0.1:" + port);
    }
}
