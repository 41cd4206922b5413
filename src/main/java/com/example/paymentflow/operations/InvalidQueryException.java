package com.example.paymentflow.operations;

/**
 * An operator's request names a filter, id or limit that cannot be used (answered 400): the message says which
 * parameter and what it takes.
 */
public class InvalidQueryException extends RefusedOperationException {

    public InvalidQueryException(String reason) {
        super(reason);
    }
}
