package com.example.paymentflow.alerts;

/** A way an alert reaches a person: e-mail, a webhook. */
public interface AlertChannel {

    /** e.g. "e-mail", for log lines */
    String name();

    /** @throws RuntimeException when the alert was not taken (it is tried again later) */
    void send(Alert alert);
}
