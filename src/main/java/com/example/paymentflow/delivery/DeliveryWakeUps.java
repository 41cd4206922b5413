package com.example.paymentflow.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Wakes a destination's poller when new work for it arrives (a stored event, a replay, a resumed destination), so
 * that an idle service delivers at once instead of at its next poll; polling every interval stays the safety net,
 * and the only way another instance's work is found.
 */
@Component
public class DeliveryWakeUps {

    private final Map<String, WakeUpScheduler> pollers = new ConcurrentHashMap<>();
    private final LongAdder stored = new LongAdder();
    private final long pollIntervalMillis;

    public DeliveryWakeUps(DeliveryProperties properties) {
        this.pollIntervalMillis = properties.pollInterval().toMillis();
    }

    /** New work for the destinations, a comma-separated list as the routing table names them; null: none. */
    public void newWork(@Header("destinations") String destinations) {
        stored.increment();
        Destination.namesIn(destinations).forEach(this::wake);
    }

    /** Work for any destination may be due now (replays). */
    public void wakeAll() {
        pollers.values().forEach(WakeUpScheduler::wakeUp);
    }

    public void wake(String destination) {
        WakeUpScheduler poller = pollers.get(destination);
        if (poller != null) {
            poller.wakeUp();
        }
    }

    /** How many stored events have announced new work since the start: whether webhooks are arriving. */
    long storedEvents() {
        return stored.sum();
    }

    long pollIntervalMillis() {
        return pollIntervalMillis;
    }

    void register(String destination, WakeUpScheduler poller) {
        pollers.put(destination, poller);
    }

    void unregister(String destination, WakeUpScheduler poller) {
        pollers.remove(destination, poller);
    }
}
