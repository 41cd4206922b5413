package com.example.paymentflow.ingest;

/** A webhook that arrived while an operator has the endpoint disabled (answered 503 with Retry-After). */
public class EndpointDisabledException extends RuntimeException {

    public EndpointDisabledException() {
        super("The endpoint is disabled", null, false, false);
    }
}
