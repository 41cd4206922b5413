package com.example.paymentflow.delivery;

/**
 * What became of one attempt: delivered, failed (due again after {@code retryDelayMillis}) or dead, with a one-line
 * account of the failure fit for operators (no customer data).
 */
public record AttemptOutcome(Delivery delivery, Status status, long retryDelayMillis, String error) {

    public enum Status {
        DELIVERED("delivered"), FAILED("failed"), DEAD("dead");

        private final String column;

        Status(String column) {
            this.column = column;
        }

        /** The value of deliveries.status and delivery_attempts.outcome. */
        public String column() {
            return column;
        }
    }

    public static AttemptOutcome delivered(Delivery delivery) {
        return new AttemptOutcome(delivery, Status.DELIVERED, 0, null);
    }
}
