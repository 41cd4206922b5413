package com.example.paymentflow.operations;

/**
 * The routing table failed for a stored event (answered 409): nothing of that request's page is added. The event
 * id is the service's own, read from the database; the routing table's reason goes to the log.
 */
public class RoutingTableRefusedEventException extends RefusedOperationException {

    public RoutingTableRefusedEventException(String eventId) {
        super("The routing table failed for event " + eventId + " (the log says why): nothing was added; fix "
                + "routes/event-routing.camel.yaml, or leave the event out of the scope");
    }
}
