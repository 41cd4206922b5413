package com.example.paymentflow.operations;

import java.util.List;

/** The statuses of the deliveries table (see the CHECK constraint in V1__inbox_deliveries_ledger.sql). */
public final class DeliveryStatuses {

    /** Every status, in the order a delivery can move through them. */
    public static final List<String> ALL = List.of("pending", "failed", "dead", "delivered");

    /** The statuses an operator watches: work still to do or given up on. */
    public static final List<String> UNDELIVERED = List.of("pending", "failed", "dead");

    private DeliveryStatuses() {
    }
}
