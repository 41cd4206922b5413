package com.example.paymentflow.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The attempts to one destination in flight on this instance, up to its max-concurrency. The poller claims again as
 * soon as half the window is free, so that an attempt that takes long holds up its own place only. Such an attempt
 * records its own outcome when it ends, together with those of the others that ended while a recording was under
 * way: one statement for many outcomes under load, none kept waiting when quiet.
 */
final class AttemptWindow {

    private final int size;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Queue<AttemptOutcome> finished = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean recording = new AtomicBoolean();

    AttemptWindow(int size) {
        this.size = size;
    }

    /**
     * How many attempts the next claim may start: none while more than half the window is in flight, so that each
     * claim (a few round trips) takes several deliveries rather than one per finished attempt.
     */
    int room(int batchSize) {
        int free = size - inFlight.get();
        return free * 2 >= size ? Math.min(batchSize, free) : 0;
    }

    void started(int attempts) {
        inFlight.addAndGet(attempts);
    }

    /** Their outcomes are recorded (by the poll that started them). */
    void freed(int attempts) {
        inFlight.addAndGet(-attempts);
    }

    /**
     * Hands over the outcome of an attempt that outlived its poll; whoever finds no recording under way records
     * every outcome waiting, and looks again after it is done, so that none is left behind. Their places are free
     * once recorded.
     */
    void finished(AttemptOutcome outcome, Consumer<List<AttemptOutcome>> record) {
        finished.add(outcome);
        while (!finished.isEmpty() && recording.compareAndSet(false, true)) {
            List<AttemptOutcome> waiting = new ArrayList<>();
            try {
                for (AttemptOutcome next = finished.poll(); next != null; next = finished.poll()) {
                    waiting.add(next);
                }
                record.accept(waiting);
            } finally {
                inFlight.addAndGet(-waiting.size());
                recording.set(false);
            }
        }
    }
}
