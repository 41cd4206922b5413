package com.example.paymentflow.endpoint;

/**
 * A webhook that arrived while an operator has the endpoint disabled (answered 503 with Retry-After, so that
 * PaymentFlow sends it again later). An expected refusal: no stack trace.
 */
public class EndpointDisabledException extends RuntimeException {

    public EndpointDisabledException() {
        super("The endpoint is disabled", null, false, false);
    }
}
