package com.example.paymentflow.delivery;

import java.util.ArrayList;
import java.util.List;

import com.example.paymentflow.event.EventParser;
import com.example.paymentflow.event.PaymentEvent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.springframework.stereotype.Component;

/**
 * Makes one attempt: hands the parsed event to the destination's route with the headers of the destination
 * contract ({@link DeliveryHeaders}), or the parsed events of a batch to a route that books in the outcomes'
 * transaction, and says how it went.
 */
@Component
public class DestinationRouteCaller {

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final EventParser parser;

    public DestinationRouteCaller(CamelContext camel, EventParser parser) {
        this.camel = camel;
        this.producer = camel.createProducerTemplate();
        this.parser = parser;
    }

    /** @return null when the route succeeded, else what it threw */
    public Throwable call(Destination destination, Delivery delivery) {
        PaymentEvent event;
        try {
            event = parser.parse(delivery.payload());
        } catch (RuntimeException unreadable) {
            return unreadable;
        }
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setBody(event);
        exchange.getIn().setHeader(DeliveryHeaders.EVENT_ID, delivery.eventId());
        exchange.getIn().setHeader(DeliveryHeaders.EVENT_TYPE, event.type());
        exchange.getIn().setHeader(DeliveryHeaders.DELIVERY_ID, delivery.id());
        exchange.getIn().setHeader(DeliveryHeaders.DELIVERY_ATTEMPT, delivery.attempt());
        return send(destination, exchange);
    }

    /**
     * Makes one attempt of several deliveries together, for a route that books in the outcomes' transaction: the
     * body is the list of their parsed events, in the deliveries' order, and there are no headers.
     *
     * @return null when the route succeeded, else what it (or the parsing of one of the events) threw
     */
    public Throwable callWithAll(Destination destination, List<Delivery> deliveries) {
        List<PaymentEvent> events = new ArrayList<>(deliveries.size());
        for (Delivery delivery : deliveries) {
            try {
                events.add(parser.parse(delivery.payload()));
            } catch (RuntimeException unreadable) {
                return unreadable;
            }
        }
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setBody(events);
        return send(destination, exchange);
    }

    private Throwable send(Destination destination, Exchange exchange) {
        producer.send(destination.endpointUri(), exchange);
        return exchange.getException();
    }
}
