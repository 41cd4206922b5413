package com.example.paymentflow.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Answers first: while webhooks are arriving, each poller of this instance spends at most
 * {@code paymentflow.delivery.share-while-receiving} of its time polling and waits the rest, so that on a busy machine
 * the CPU and the database go to the answers first. Woken by every stored event, a poller would otherwise claim a few
 * deliveries at a time, each claim and record costing the round trips of a full batch; after its wait it finds a
 * fuller batch, so deliveries lose little. The backlog a burst leaves is delivered at full pace as soon as it is over.
 * Idle, or draining with nothing arriving, a poller never waits; a share of 1 turns this off. The time waited is the
 * metric {@code paymentflow.delivery.yielded}, per destination.
 */
@Component
public class ReceivingFirst {

    private final DeliveryWakeUps arrivals;
    private final double share;
    private final long maxPauseNanos;
    private final MeterRegistry meters;
    private final Map<String, Counter> yielded = new ConcurrentHashMap<>();

    public ReceivingFirst(DeliveryWakeUps arrivals, DeliveryProperties properties, MeterRegistry meters) {
        this.arrivals = arrivals;
        this.share = properties.shareWhileReceiving();
        // a poll held up by one slow attempt must not keep its destination waiting longer than its safety-net poll
        this.maxPauseNanos = properties.pollInterval().toNanos();
        this.meters = meters;
    }

    /** Taken when a poll starts: when, and how many events had been stored by then. */
    Poll pollStarts() {
        return new Poll(System.nanoTime(), arrivals.storedEvents());
    }

    /**
     * After a poll that found work: waits so that the poll took at most the share of the time, if events were
     * stored while it ran (an interrupt ends the wait: the service is stopping).
     */
    void yieldAfter(String destination, Poll poll) {
        long pauseNanos = pauseAfter(poll, System.nanoTime(), arrivals.storedEvents());
        if (pauseNanos == 0) {
            return;
        }
        yielded.computeIfAbsent(destination, name -> Counter.builder("paymentflow.delivery.yielded")
                        .description("Time this destination's poller waited for the answers to webhooks arriving")
                        .baseUnit("seconds").tag("destination", name).register(meters))
                .increment(pauseNanos / 1e9);
        try {
            TimeUnit.NANOSECONDS.sleep(pauseNanos);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /** How long to wait after the poll, in nanoseconds: none when nothing was stored while it ran. */
    long pauseAfter(Poll poll, long nowNanos, long storedNow) {
        if (share >= 1 || storedNow == poll.storedBefore()) {
            return 0;
        }
        long took = nowNanos - poll.startedNanos();
        return Math.min(maxPauseNanos, Math.round(took * (1 - share) / share));
    }

    record Poll(long startedNanos, long storedBefore) {
    }
}
