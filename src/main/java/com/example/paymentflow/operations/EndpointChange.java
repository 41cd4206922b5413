package com.example.paymentflow.operations;

/** The body of POST /api/endpoint/disable and /enable: why ({@code {"reason": "..."}}). */
public record EndpointChange(String reason) {
}
