package com.example.paymentflow.operations;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A destination as an operator sees it: whether it has a route (false: its route file was removed while deliveries
 * to it wait, or while it was paused), whether it is paused (why, by whom, since when), its limits, and its circuit
 * on this instance (closed: attempted; open: left alone for now after a run of failures; half-open: being probed).
 */
public record DestinationStatus(String name,
                                boolean route,
                                boolean paused,
                                String reason,
                                @JsonProperty("paused_by") String pausedBy,
                                @JsonProperty("paused_at") Instant pausedAt,
                                @JsonProperty("max_concurrency") int maxConcurrency,
                                @JsonProperty("max_rate_per_second") Double maxRatePerSecond,
                                String circuit) {
}
