package com.example.paymentflow.routing;

/** The routing table threw for an event: an expression of it that this event breaks. */
public class RoutingTableFailedException extends RuntimeException {

    public RoutingTableFailedException(Throwable cause) {
        super("the routing table failed: " + cause.getMessage(), cause);
    }
}
