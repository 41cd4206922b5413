package com.example.paymentflow.endpoint;

import java.time.Instant;

/**
 * Whether the webhook endpoint takes webhooks, and since when, who changed it last and why (null before the
 * first change).
 */
public record EndpointState(boolean enabled, String reason, Instant since, String by) {
}
