package com.example.paymentflow.operations;

/**
 * The body of the operations API's POST endpoints that change something (pausing a destination, disabling or
 * enabling the endpoint): why, {@code {"reason": "..."}}. The binding reads the body into it, so that any other JSON
 * (an array, a number) is refused 400 before a route reads it.
 */
public record ChangeReason(String reason) {
}
