package com.example.paymentflow.operations;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Where a stored event went and when, attempt by attempt. Never its payload: that holds customer data. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EventDeliveries(String eventId, String eventType, Instant receivedAt, List<Delivery> deliveries) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Delivery(long id, String destination, String status, int attempts, Instant nextAttemptAt,
                           String lastError, Instant deliveredAt, int replays, List<Attempt> attemptLog) {
    }

    /** One attempt; numbering starts again at 1 after each replay. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Attempt(int attempt, String outcome, String error, Instant attemptedAt) {
    }
}
