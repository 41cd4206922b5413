package com.example.paymentflow.event;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The route step that reads a verified body as a {@link PaymentEvent} ({@link EventParser}, which refuses a
 * malformed one with {@link MalformedEventException}): the event becomes the body, and headers {@value #EVENT_ID}
 * and {@value #EVENT_TYPE} name it for the routing table and the logs. One step instead of a bean expression and
 * two {@code ${body.x}} headers: each of those copied the exchange, its headers included, to call one getter.
 */
@Component("parseEvent")
public class ParseEventProcessor implements Processor {

    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";

    private final EventParser parser;

    public ParseEventProcessor(EventParser parser) {
        this.parser = parser;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        PaymentEvent event = parser.parse(message.getBody(byte[].class));
        message.setBody(event);
        message.setHeader(EVENT_ID, event.id());
        message.setHeader(EVENT_TYPE, event.type());
    }
}
