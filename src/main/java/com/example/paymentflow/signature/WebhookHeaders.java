package com.example.paymentflow.signature;

/** The request headers a signature scheme reads, by name, case-insensitively, exactly as they arrived. */
@FunctionalInterface
public interface WebhookHeaders {

    /**
     * @return the header's value, or null when the request has none
     * @throws InvalidSignatureException (malformed) when the request repeats it
     */
    String get(String name);
}
