package com.example.paymentflow.delivery;

/** Whether a failed attempt is worth repeating, and a one-line account of it fit for logs (no customer data). */
public record FailureVerdict(boolean retryable, String summary) {
}
