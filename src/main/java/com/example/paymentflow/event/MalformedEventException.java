package com.example.paymentflow.event;

/**
 * A genuine webhook whose body is not a PaymentFlow event; the message is a short reason safe to answer with. An
 * expected refusal: it carries no stack trace.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String reason) {
        super(reason, null, false, false);
    }
}
