package com.example.paymentflow.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import com.example.paymentflow.background.PeriodicTask;
import com.example.paymentflow.logging.SummarizedLog;
import com.example.paymentflow.logging.SummarizedLogs;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.event.Level;

/**
 * Where alerts go out. Every alert is logged once with the marker {@value #MARKER} (at ERROR when no channel is
 * configured, the log being then the only one; at WARN otherwise), then handed to each channel within a second, on
 * a thread of its own, so that a slow mail server never holds up the checks. Each channel sends in the order the
 * alerts were raised: one it does not take is tried again with backoff ({@code paymentflow.alerts.retry}) until it
 * is taken, and the alerts after it wait behind it, so that a resolution never arrives before its alert and a
 * channel that is down costs one attempt per round, not one per waiting alert; the other channels go on.
 * {@code paymentflow.alerts.unsent} counts those waiting, and whatever is still unsent at shutdown is logged at ERROR.
 */
public class AlertOutbox extends PeriodicTask {

    public static final String MARKER = "ALERT";
    /** Alerts are rare by design (each condition is reported once per occurrence); this only bounds a pathology. */
    static final int CAPACITY = 1000;
    private static final Marker ALERT = MarkerFactory.getMarker(MARKER);
    private static final Logger LOG = LoggerFactory.getLogger(AlertOutbox.class);

    private record Unsent(long number, Alert alert) {
    }

    /** One channel's alerts in the order they were raised; only the first is attempted. */
    private static final class Queue {
        final AlertChannel channel;
        final Deque<Unsent> unsent = new ArrayDeque<>();
        /** failed attempts since the channel last took an alert: the backoff of the first one */
        int attempts;
        Instant nextAttemptAt = Instant.MIN;

        Queue(AlertChannel channel) {
            this.channel = channel;
        }
    }

    private final List<Queue> queues;
    private final IntervalFunction backoff;
    private final MeterRegistry meters;
    private final Clock clock;
    /** a channel down for long drops an alert per alert raised: one line at once, then a count a minute */
    private final SummarizedLog dropped;
    private long submitted;

    public AlertOutbox(List<AlertChannel> channels, AlertProperties.Retry retry, MeterRegistry meters,
                       SummarizedLogs logs, Clock clock) {
        super("alert-sender");
        this.queues = channels.stream().map(Queue::new).toList();
        this.backoff = IntervalFunction.ofExponentialBackoff(retry.initialDelay(), 2, retry.maxDelay());
        this.meters = meters;
        this.clock = clock;
        this.dropped = logs.create(LOG, Level.ERROR, ALERT, Duration.ofMinutes(1));
        Gauge.builder("paymentflow.alerts.unsent", this, AlertOutbox::unsentCount)
                .description("Alerts this instance has not been able to send yet (one per alert and channel)")
                .register(meters);
    }

    /** Logs the alert and queues it for every channel. */
    public void submit(Alert alert) {
        String line = alert.title() + (alert.details().isEmpty() ? "" : " | " + String.join(" | ", alert.details()));
        if (queues.isEmpty()) {
            LOG.error(ALERT, "ALERT {} {}: {}", alert.state(), alert.key(), line);
        } else {
            LOG.warn(ALERT, "ALERT {} {}: {}", alert.state(), alert.key(), line);
        }
        Counter.builder("paymentflow.alerts")
                .description("Alerts raised, by condition and state")
                .tag("condition", alert.condition().label())
                .tag("state", alert.state().name().toLowerCase(java.util.Locale.ROOT))
                .register(meters)
                .increment();
        synchronized (queues) {
            Unsent unsent = new Unsent(submitted++, alert);
            for (Queue queue : queues) {
                if (unsentCount() >= CAPACITY) {
                    dropOldest();
                }
                queue.unsent.addLast(unsent);
            }
        }
    }

    /** Sends what is due on each channel, first in first out; a channel stops at the first alert it does not take. */
    void sendDue() {
        for (Queue queue : queues) {
            Unsent next;
            while ((next = due(queue)) != null) {
                try {
                    queue.channel.send(next.alert());
                } catch (RuntimeException failure) {
                    retryLater(queue, next, failure);
                    break;
                }
                synchronized (queues) {
                    // unless dropped meanwhile, as the oldest beyond the capacity
                    if (queue.unsent.peekFirst() == next) {
                        queue.unsent.pollFirst();
                    }
                    queue.attempts = 0;
                }
                LOG.info("Alert {} ({}) sent by {}", next.alert().key(), next.alert().state(), queue.channel.name());
            }
        }
    }

    int unsentCount() {
        synchronized (queues) {
            return queues.stream().mapToInt(queue -> queue.unsent.size()).sum();
        }
    }

    /** The first alert of the channel if its attempt is due, else null. */
    private Unsent due(Queue queue) {
        synchronized (queues) {
            return clock.instant().isBefore(queue.nextAttemptAt) ? null : queue.unsent.peekFirst();
        }
    }

    private void retryLater(Queue queue, Unsent next, RuntimeException failure) {
        int attempts;
        Duration delay;
        synchronized (queues) {
            attempts = ++queue.attempts;
            delay = Duration.ofMillis(backoff.apply(attempts));
            queue.nextAttemptAt = clock.instant().plus(delay);
        }
        LOG.warn("Alert {} ({}) not sent by {} (attempt {}), trying again in {} s: {}", next.alert().key(),
                next.alert().state(), queue.channel.name(), attempts, delay.toSeconds(),
                SummarizedLog.reasonOf(failure));
    }

    /** Drops the alert that has waited longest, whichever channel it waits for. */
    private void dropOldest() {
        Queue oldest = null;
        for (Queue queue : queues) {
            if (!queue.unsent.isEmpty() && (oldest == null
                    || queue.unsent.peekFirst().number() < oldest.unsent.peekFirst().number())) {
                oldest = queue;
            }
        }
        Unsent drop = oldest.unsent.pollFirst();
        dropped.log("ALERT not sent by " + oldest.channel.name() + ", dropped",
                "ALERT not sent by " + oldest.channel.name() + ", dropped: more than " + CAPACITY
                        + " alerts wait to be sent: " + drop.alert().key() + " " + drop.alert().title());
    }

    @Override
    protected Duration interval() {
        return Duration.ofSeconds(1);
    }

    @Override
    protected void runPeriodically() {
        sendDue();
    }

    /** What is still unsent when sending stops is logged, so that no alert is lost silently. */
    @Override
    protected void onStop() {
        synchronized (queues) {
            for (Queue queue : queues) {
                for (Unsent entry : queue.unsent) {
                    LOG.error(ALERT, "ALERT not sent by {} before shutdown: {} {}: {}", queue.channel.name(),
                            entry.alert().state(), entry.alert().key(), entry.alert().title());
                }
                queue.unsent.clear();
            }
        }
    }

    /** Stops after the checks that submit alerts (AlertMonitor). */
    @Override
    public int getPhase() {
        return AlertMonitor.PHASE - 1;
    }
}
