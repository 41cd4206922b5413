package com.example.paymentflow.operations;

/** No destination has this name (answered 404). */
public class UnknownDestinationException extends RefusedOperationException {

    public UnknownDestinationException(String name, Iterable<String> known) {
        super("No destination " + name + " (destinations: " + String.join(", ", known) + ")");
    }
}
