package com.example.paymentflow.routing;

import java.util.List;

import com.example.paymentflow.delivery.Destination;
import com.example.paymentflow.delivery.RoutingTableCheck;
import com.example.paymentflow.event.ParseEventProcessor;
import com.example.paymentflow.event.PaymentEvent;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Asks the routing table as it runs now (routes/event-routing.camel.yaml) where an event goes, as the webhook route
 * does on receipt: the event as the body, headers eventId and eventType.
 */
@Component
public class RoutingTable {

    /** Exchange property set when a stored event is routed again, not received: it is not counted as received */
    public static final String ROUTED_AGAIN = "paymentflowRoutedAgain";

    private static final String ROUTING_TABLE = "direct:" + RoutingTableCheck.ROUTING_TABLE;

    private final ProducerTemplate producer;

    public RoutingTable(ProducerTemplate producer) {
        this.producer = producer;
    }

    /**
     * @return the destinations it names for the event, none when no branch takes it
     * @throws RoutingTableFailedException when the routing table failed for the event
     */
    public List<String> destinationsOf(PaymentEvent event) {
        Exchange routed = producer.request(ROUTING_TABLE, exchange -> {
            exchange.setProperty(ROUTED_AGAIN, true);
            exchange.getIn().setBody(event);
            exchange.getIn().setHeader(ParseEventProcessor.EVENT_ID, event.id());
            exchange.getIn().setHeader(ParseEventProcessor.EVENT_TYPE, event.type());
        });
        if (routed.getException() != null) {
            throw new RoutingTableFailedException(routed.getException());
        }
        return Destination.namesIn(routed.getMessage().getHeader(RoutingTableCheck.DESTINATIONS, String.class));
    }
}
