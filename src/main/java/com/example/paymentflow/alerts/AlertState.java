package com.example.paymentflow.alerts;

/** Where an alert stands: it began, it still lasts (a reminder), or it is over. */
public enum AlertState {

    FIRING("alert"),
    ONGOING("still going on"),
    RESOLVED("resolved");

    private final String label;

    AlertState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
