package com.example.paymentflow.operations;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Deliveries matching a {@link DeliveryQuery}, newest event first. */
public record DeliveryListing(List<Row> deliveries) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Row(long id, String eventId, String eventType, Instant receivedAt, String destination,
                      String status, int attempts, Instant nextAttemptAt, String lastError, Instant deliveredAt,
                      int replays, Instant updatedAt) {
    }
}
