package com.example.paymentflow.operations;

import java.util.Map;

/**
 * What a re-route did: how many stored events it examined, how many of those the routing table sends nowhere, the
 * deliveries it added per destination (or would add, in a dry run), and the event to continue after when the limit
 * cut the scope short (null: the scope is done).
 */
public record RerouteResult(int events, int unrouted, Map<String, Integer> added, boolean dryRun, String next) {
}
