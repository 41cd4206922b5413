package com.example.paymentflow.routes;

/** A set of routes that breaks a {@link RouteSetCheck}; the message names the file, line and problem. */
public class RejectedRoutesException extends RuntimeException {

    public RejectedRoutesException(String message) {
        super(message);
    }
}
