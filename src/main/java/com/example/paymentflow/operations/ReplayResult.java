package com.example.paymentflow.operations;

/** How many deliveries a replay made pending again. */
public record ReplayResult(int replayed) {
}
