package com.example.paymentflow.operations;

import java.util.Map;

/** The backlog of every known destination, as counted at one refresh. */
public record BacklogSnapshot(Map<String, DestinationBacklog> destinations) {
}
