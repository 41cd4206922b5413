package com.example.paymentflow.ingest;

import java.util.Map;

import com.example.paymentflow.support.EndToEndTest;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routing table of routes/event-routing.camel.yaml, branch by branch: which destinations each event type goes
 * to (header destinations). Copy a row when you route a new event type.
 */
class EventRoutingRouteTest extends EndToEndTest {

    @Autowired
    ProducerTemplate producer;

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "payment.succeeded, 'erp, ledger'",
            "payment.failed,    email",
            "refund.created,    'ledger, erp'",
            "customer.created,  none",
            "PAYMENT.SUCCEEDED, none"})
    void routesEachEventTypeToItsDestinations(String eventType, String destinations) {
        Exchange routed = producer.request("direct:route-event", exchange -> exchange.getIn()
                .setHeaders(Map.of("eventId", "evt_routing", "eventType", eventType)));

        assertThat(routed.getException()).isNull();
        assertThat(routed.getIn().getHeader("destinations", String.class)).isEqualTo(destinations);
    }
}
