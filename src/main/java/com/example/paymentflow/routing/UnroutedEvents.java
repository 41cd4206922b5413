package com.example.paymentflow.routing;

import java.time.Duration;

import com.example.paymentflow.logging.SummarizedLog;
import com.example.paymentflow.logging.SummarizedLogs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.stereotype.Component;

/**
 * Logs the events that no branch of the routing table takes (routes/event-routing.camel.yaml): they are stored and
 * acknowledged, and go nowhere. PaymentFlow may send many of a type nobody routes, so the lines are summarised: the
 * first at once, then one a minute with the count. After the table is fixed, POST /api/events/reroute routes the
 * stored ones (docs/operations.md).
 */
@Component
public class UnroutedEvents {

    private static final Logger LOG = LoggerFactory.getLogger(UnroutedEvents.class);
    private static final String KIND = "Events no route handles";

    private final SummarizedLog log;

    public UnroutedEvents(SummarizedLogs logs) {
        this.log = logs.create(LOG, Level.INFO, Duration.ofMinutes(1));
    }

    public void noted(String eventId, String eventType) {
        log.log(KIND, "Event " + eventId + " of type " + eventType + " goes nowhere: no branch of the routing table "
                + "takes this type");
    }
}
