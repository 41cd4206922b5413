package com.example.paymentflow.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.example.paymentflow.background.PeriodicTask;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.springframework.core.NestedExceptionUtils;

/**
 * Where alerts go out. Every alert is logged once with the marker {@value #MARKER} (at ERROR when no channel is
 * configured, the log being then the only one; at WARN otherwise), then handed to each channel within a second, on
 * a thread of its own, so that a slow mail server never holds up the checks. An alert a channel does not take is tried again with
 * backoff ({@code paymentflow.alerts.retry}) until it is taken; {@code paymentflow.alerts.unsent} counts those
 * waiting, and whatever is still unsent at shutdown is logged at ERROR.
 */
public class AlertOutbox extends PeriodicTask {

    public static final String MARKER = "ALERT";
    /** Alerts are rare by design (each condition is reported once per occurrence); this only bounds a pathology. */
    static final int CAPACITY = 1000;
    private static final Marker ALERT = MarkerFactory.getMarker(MARKER);
    private static final Logger LOG = LoggerFactory.getLogger(AlertOutbox.class);

    private static final class Unsent {
        final Alert alert;
        final AlertChannel channel;
        int attempts;
        Instant nextAttemptAt;

        Unsent(Alert alert, AlertChannel channel, Instant now) {
            this.alert = alert;
            this.channel = channel;
            this.nextAttemptAt = now;
        }
    }

    private final List<AlertChannel> channels;
    private final AlertProperties.Retry retry;
    private final MeterRegistry meters;
    private final Clock clock;
    private final List<Unsent> unsent = new ArrayList<>();

    public AlertOutbox(List<AlertChannel> channels, AlertProperties.Retry retry, MeterRegistry meters, Clock clock) {
        super("alert-sender");
        this.channels = List.copyOf(channels);
        this.retry = retry;
        this.meters = meters;
        this.clock = clock;
        Gauge.builder("paymentflow.alerts.unsent", this, AlertOutbox::unsentCount)
                .description("Alerts this instance has not been able to send yet (one per alert and channel)")
                .register(meters);
    }

    /** Logs the alert and queues it for every channel. */
    public void submit(Alert alert) {
        String line = alert.title() + (alert.details().isEmpty() ? "" : " | " + String.join(" | ", alert.details()));
        if (channels.isEmpty()) {
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
        synchronized (unsent) {
            for (AlertChannel channel : channels) {
                if (unsent.size() >= CAPACITY) {
                    Unsent dropped = unsent.remove(0);
                    LOG.error(ALERT, "ALERT not sent by {}, dropped: more than {} alerts wait to be sent: {} {}",
                            dropped.channel.name(), CAPACITY, dropped.alert.key(), dropped.alert.title());
                }
                unsent.add(new Unsent(alert, channel, clock.instant()));
            }
        }
    }

    /** Sends what is due, in the order it was raised; what fails waits for its next attempt. */
    void sendDue() {
        for (Unsent next : due()) {
            try {
                next.channel.send(next.alert);
                synchronized (unsent) {
                    unsent.remove(next);
                }
                LOG.info("Alert {} ({}) sent by {}", next.alert.key(), next.alert.state(), next.channel.name());
            } catch (RuntimeException failure) {
                next.attempts++;
                Duration delay = delayAfter(next.attempts);
                next.nextAttemptAt = clock.instant().plus(delay);
                LOG.warn("Alert {} ({}) not sent by {} (attempt {}), trying again in {} s: {}", next.alert.key(),
                        next.alert.state(), next.channel.name(), next.attempts, delay.toSeconds(),
                        NestedExceptionUtils.getMostSpecificCause(failure).getMessage());
            }
        }
    }

    int unsentCount() {
        synchronized (unsent) {
            return unsent.size();
        }
    }

    private List<Unsent> due() {
        Instant now = clock.instant();
        synchronized (unsent) {
            return unsent.stream().filter(entry -> !entry.nextAttemptAt.isAfter(now)).toList();
        }
    }

    private Duration delayAfter(int attempts) {
        Duration delay = retry.initialDelay();
        for (int attempt = 1; attempt < attempts && delay.compareTo(retry.maxDelay()) < 0; attempt++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(retry.maxDelay()) > 0 ? retry.maxDelay() : delay;
    }

    @Override
    protected Duration interval() {
        return Duration.ofSeconds(1);
    }

    @Override
    protected void runPeriodically() {
        try {
            sendDue();
        } catch (RuntimeException unexpected) {
            LOG.warn("Sending alerts failed, will try again: {}", unexpected.toString());
        }
    }

    /** What is still unsent when sending stops is logged, so that no alert is lost silently. */
    @Override
    protected void onStop() {
        synchronized (unsent) {
            for (Unsent entry : unsent) {
                LOG.error(ALERT, "ALERT not sent by {} before shutdown: {} {}: {}", entry.channel.name(),
                        entry.alert.state(), entry.alert.key(), entry.alert.title());
            }
            unsent.clear();
        }
    }

    /** Stops after the checks that submit alerts (AlertMonitor). */
    @Override
    public int getPhase() {
        return AlertMonitor.PHASE - 1;
    }
}
