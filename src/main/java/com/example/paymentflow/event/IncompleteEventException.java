package com.example.paymentflow.event;

/**
 * A stored event lacks a field that a destination needs (an amount for the ledger, an e-mail address for the
 * customer mail...). Retrying cannot help: the delivery goes straight to dead, to be fixed and replayed.
 */
public class IncompleteEventException extends RuntimeException {

    public IncompleteEventException(String reason) {
        super(reason);
    }
}
