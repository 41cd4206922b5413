package com.example.paymentflow.operations;

/** No delivery has this id (answered 404). */
public class UnknownDeliveryException extends RefusedOperationException {

    public UnknownDeliveryException(long id) {
        super("No delivery " + id);
    }
}
