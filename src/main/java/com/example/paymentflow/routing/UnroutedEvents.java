package com.example.paymentflow.routing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.example.paymentflow.logging.SummarizedLog;
import com.example.paymentflow.logging.SummarizedLogs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.stereotype.Component;

/**
 * Counts and logs the events that no branch of the routing table takes (routes/event-routing.camel.yaml) on receipt:
 * they are stored and acknowledged, and go nowhere (a re-route counts its own, in its answer). PaymentFlow may send many of a type nobody
 * routes, so the lines are summarised: the first at once, then one a minute with the count. After the table is
 * fixed, POST /api/events/reroute routes the stored ones (docs/operations.md).
 */
@Component
public class UnroutedEvents {

    private static final Logger LOG = LoggerFactory.getLogger(UnroutedEvents.class);
    private static final String KIND = "Events no route handles";
    /** Counted per type up to this many types, then together as {@value #OTHER_TYPES}: a series per type is kept */
    private static final int MAX_TYPES = 50;
    private static final String OTHER_TYPES = "other";

    private final SummarizedLog log;
    private final MeterRegistry meters;
    private final Map<String, Counter> perType = new ConcurrentHashMap<>();

    public UnroutedEvents(SummarizedLogs logs, MeterRegistry meters) {
        this.log = logs.create(LOG, Level.INFO, Duration.ofMinutes(1));
        this.meters = meters;
    }

    /** An event the routing table took no branch for; not counted when it is a stored event routed again. */
    public void noted(@Header("eventId") String eventId, @Header("eventType") String eventType,
                      @ExchangeProperty(RoutingTable.ROUTED_AGAIN) Boolean routedAgain) {
        if (Boolean.TRUE.equals(routedAgain)) {
            return;
        }
        counterOf(eventType).increment();
        log.log(KIND, "Event " + eventId + " of type " + eventType + " goes nowhere: no branch of the routing table "
                + "takes this type");
    }

    private Counter counterOf(String eventType) {
        Counter counter = perType.get(eventType);
        if (counter != null) {
            return counter;
        }
        String tag = perType.size() < MAX_TYPES ? eventType : OTHER_TYPES;
        return perType.computeIfAbsent(tag, type -> Counter.builder("paymentflow.events.unrouted")
                .description("Events stored and acknowledged that no branch of the routing table takes")
                .tag("event_type", type).register(meters));
    }
}
