package com.example.paymentflow.operations;

/**
 * An operator's request that is refused for a reason the operator can act on. The message is that reason, made to
 * be shown: it never repeats a value that was sent, nor anything of an event's payload.
 */
public abstract class RefusedOperationException extends RuntimeException {

    protected RefusedOperationException(String reason) {
        super(reason);
    }
}
