package com.example.paymentflow.operations;

import java.time.Instant;
import java.util.Map;

/** The backlog of every known destination, as counted at one refresh. */
public record BacklogSnapshot(Instant countedAt, Map<String, DestinationBacklog> destinations) {
}
