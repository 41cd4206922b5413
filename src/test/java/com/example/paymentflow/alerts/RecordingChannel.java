package com.example.paymentflow.alerts;

import java.util.ArrayList;
import java.util.List;

/** A channel that keeps what it is sent, and refuses while told to. */
final class RecordingChannel implements AlertChannel {

    final List<Alert> sent = new ArrayList<>();
    int refusals;
    int attempts;
    private final String name;

    RecordingChannel() {
        this("recording");
    }

    RecordingChannel(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Alert alert) {
        attempts++;
        if (refusals > 0) {
            refusals--;
            throw new IllegalStateException("mail server unreachable");
        }
        sent.add(alert);
    }
}
