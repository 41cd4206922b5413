package com.example.paymentflow.operations;

/** The delivery is delivered or still pending: a replay would change nothing or race the poller (answered 409). */
public class NotReplayableException extends RefusedOperationException {

    public NotReplayableException(long id, String status) {
        super("Delivery " + id + " is " + status + ": only dead or failed deliveries can be replayed");
    }
}
