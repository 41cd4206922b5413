package com.example.paymentflow.ingest;

import java.util.Map;

import com.example.paymentflow.support.AdvisedRouteTest;
import org.apache.camel.EndpointInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.BeanDefinition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The routing table of routes/event-routing.camel.yaml: which destinations each event type goes to. */
class EventRoutingRouteTest extends AdvisedRouteTest {

    @Autowired
    ProducerTemplate producer;

    @EndpointInject("mock:scheduled")
    MockEndpoint scheduled;

    @Override
    protected void advise() throws Exception {
        AdviceWith.adviceWith(camel, "route-event",
                route -> route.weaveByType(BeanDefinition.class).replace().to("mock:scheduled"));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "payment.succeeded, 'erp,ledger'",
            "payment.failed,    email",
            "refund.created,    'ledger,erp'",
            "customer.created,  none",
            "PAYMENT.SUCCEEDED, none"})
    void routesEachEventTypeToItsDestinations(String eventType, String destinations) throws Exception {
        scheduled.reset();
        scheduled.expectedMessageCount(1);
        scheduled.expectedPropertyReceived("destinations", destinations);

        producer.sendBodyAndHeaders("direct:route-event", null, Map.of("eventId", "evt_routing", "eventType", eventType));

        scheduled.assertIsSatisfied();
    }
}
