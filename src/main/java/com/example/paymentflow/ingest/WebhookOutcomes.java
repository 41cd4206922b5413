package com.example.paymentflow.ingest;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import com.example.paymentflow.logging.SummarizedLog;
import com.example.paymentflow.logging.SummarizedLogs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * Counts what became of every webhook, and hands refusals to the {@link RefusalLog}. Every series is registered
 * once, at start-up, so that each shows 0 until it happens and no request looks a meter up.
 * <ul>
 *   <li>{@value #WEBHOOKS}{outcome}: received (stored), duplicate, refused (4xx), unavailable (503 or 500: not
 *       stored, PaymentFlow retries);</li>
 *   <li>{@value #REFUSALS}{reason}: every refusal by {@link RefusalReason} (a disabled endpoint's 503 included).</li>
 * </ul>
 */
@Component("webhookOutcomes")
public class WebhookOutcomes {

    public static final String WEBHOOKS = "paymentflow.webhooks";
    public static final String REFUSALS = "paymentflow.webhook.refusals";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookOutcomes.class);

    private final Counter received;
    private final Counter duplicate;
    private final Counter refused;
    private final Counter unavailable;
    private final Map<RefusalReason, Counter> refusals = new EnumMap<>(RefusalReason.class);
    private final RefusalLog log;
    private final SummarizedLog unstored;
    private final SummarizedLog failures;

    public WebhookOutcomes(MeterRegistry meters, RefusalLog log, SummarizedLogs logs) {
        this.log = log;
        this.unstored = logs.create(LOG, Level.WARN, Duration.ofMinutes(1));
        this.failures = logs.create(LOG, Level.ERROR, Duration.ofMinutes(1));
        this.received = outcome(meters, "received");
        this.duplicate = outcome(meters, "duplicate");
        this.refused = outcome(meters, "refused");
        this.unavailable = outcome(meters, "unavailable");
        for (RefusalReason reason : RefusalReason.values()) {
            refusals.put(reason, Counter.builder(REFUSALS)
                    .description("Webhooks refused, by reason")
                    .tag("reason", reason.tag())
                    .register(meters));
        }
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder(WEBHOOKS)
                .description("Webhooks answered, by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    public void received() {
        received.increment();
    }

    public void duplicate() {
        duplicate.increment();
    }

    /**
     * The event was not stored for an unexpected error (a routing table whose expression this event breaks, a bug):
     * PaymentFlow is asked to retry. Logged in summary per kind of failure, a line a minute with the count, without
     * the customer's address a failure may quote; the stack trace at DEBUG.
     */
    public void failed(String eventId, Throwable failure) {
        unavailable.increment();
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        failures.log(cause.getClass().getName(), "Webhook " + eventId + " not stored, answering 500: "
                + cause.getClass().getSimpleName() + ": " + SummarizedLog.reasonOf(failure));
        LOG.debug("Webhook {} not stored", eventId, failure);
    }

    /**
     * The event was not stored because the database is out of reach: PaymentFlow is asked to retry. Logged in
     * summary, a line a minute with the count: an outage would otherwise write a line per webhook and retry.
     */
    public void databaseUnavailable(String eventId, Throwable failure) {
        unavailable.increment();
        unstored.log("database-unavailable", "Webhook " + eventId + " not stored, answering 503: the database is "
                + "unavailable (" + SummarizedLog.reasonOf(failure) + ")");
    }

    /** A refusal the route threw ({@link RefusalReason#of}); anything else is not counted here. */
    public void refused(Throwable refusal, String remoteAddress) {
        RefusalReason reason = RefusalReason.of(refusal);
        if (reason != null) {
            refused(reason, remoteAddress);
        }
    }

    public void refused(RefusalReason reason, String remoteAddress) {
        refusals.get(reason).increment();
        (reason == RefusalReason.ENDPOINT_DISABLED ? unavailable : refused).increment();
        log.record(remoteAddress, reason.tag());
    }
}
