package com.example.paymentflow.operations;

/** No stored event has this id (answered 404). The id is not repeated: it came from the request. */
public class UnknownEventException extends RefusedOperationException {

    public UnknownEventException() {
        super("No such event");
    }
}
