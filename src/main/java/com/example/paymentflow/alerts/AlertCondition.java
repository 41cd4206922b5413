package com.example.paymentflow.alerts;

/** What an alert is about; the label is what e-mails, webhook posts and log lines name. */
public enum AlertCondition {

    SIGNATURE_REFUSALS("signature-refusals"),
    DEAD_DELIVERIES("dead-deliveries"),
    DESTINATION_FAILING("destination-failing"),
    DELIVERY_BACKLOG("delivery-backlog"),
    DATABASE_UNREACHABLE("database-unreachable");

    private final String label;

    AlertCondition(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
