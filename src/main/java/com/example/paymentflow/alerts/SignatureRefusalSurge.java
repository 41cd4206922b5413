package com.example.paymentflow.alerts;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.example.paymentflow.ingest.WebhookOutcomes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A surge of webhooks refused for their signature on this instance: at least {@code threshold} within
 * {@code window}. One alert when it begins, a reminder at most every {@code repeatEvery} while it lasts, one when
 * it is over. The refusals are read from the counters {@value #REFUSALS} whose reason starts with {@code signature}.
 */
class SignatureRefusalSurge implements AlertCheck {

    static final String REFUSALS = WebhookOutcomes.REFUSALS;

    private record Sample(Instant at, double total) {
    }

    private final MeterRegistry meters;
    private final AlertOutbox outbox;
    private final AlertProperties.SignatureRefusals limits;
    private final String instance;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private Instant surgeSince;
    private Instant lastAlertAt;

    /** @param startedAt from when refusals count: those before the first check too (a surge may begin at start) */
    SignatureRefusalSurge(MeterRegistry meters, AlertOutbox outbox, AlertProperties.SignatureRefusals limits,
                          String instance, Instant startedAt) {
        this.meters = meters;
        this.outbox = outbox;
        this.limits = limits;
        this.instance = instance;
        samples.addLast(new Sample(startedAt, total()));
    }

    @Override
    public void check(Instant now) {
        long refused = refusedWithin(now);
        boolean surge = refused >= limits.threshold();
        if (surge && surgeSince == null) {
            surgeSince = now;
            alert(AlertState.FIRING, now, refused);
        } else if (surge && !now.isBefore(lastAlertAt.plus(limits.repeatEvery()))) {
            alert(AlertState.ONGOING, now, refused);
        } else if (!surge && surgeSince != null) {
            outbox.submit(new Alert(AlertCondition.SIGNATURE_REFUSALS, AlertState.RESOLVED, instance,
                    "Signature refusals on " + instance + " are back under " + limits.threshold() + " within "
                            + Wording.duration(limits.window()),
                    List.of(refused + " in the last " + Wording.duration(limits.window()) + "; the surge lasted from "
                            + Wording.time(surgeSince) + " to " + Wording.time(now) + "."),
                    instance, now));
            surgeSince = null;
        }
    }

    /** Refusals since the newest sample at least a window old (or since the start, early on). */
    private long refusedWithin(Instant now) {
        double total = total();
        samples.addLast(new Sample(now, total));
        Instant windowStart = now.minus(limits.window());
        Sample base = null;
        while (samples.size() > 1 && !samples.getFirst().at().isAfter(windowStart)) {
            base = samples.removeFirst();
        }
        if (base != null) {
            samples.addFirst(base);
        }
        return Math.round(total - samples.getFirst().total());
    }

    private double total() {
        return signatureRefusals().mapToDouble(Counter::count).sum();
    }

    private Stream<Counter> signatureRefusals() {
        return meters.find(REFUSALS).counters().stream()
                .filter(counter -> String.valueOf(counter.getId().getTag("reason")).startsWith("signature"));
    }

    private void alert(AlertState state, Instant now, long refused) {
        lastAlertAt = now;
        outbox.submit(new Alert(AlertCondition.SIGNATURE_REFUSALS, state, instance,
                refused + " webhooks refused for their signature within " + Wording.duration(limits.window())
                        + " on " + instance,
                List.of("Surge since " + Wording.time(surgeSince) + " (alert from " + limits.threshold() + " within "
                                + Wording.duration(limits.window()) + ").",
                        "By reason, since " + instance + " started: " + byReason() + ".",
                        "Someone sends webhooks PaymentFlow did not sign, or WEBHOOK_SECRET is not PaymentFlow's "
                                + "current secret (while rotating, give both, comma-separated). The log lines "
                                + "\"Refused ... webhook requests since ...\" name the senders' addresses."),
                instance, now));
    }

    private String byReason() {
        Map<String, Long> reasons = new TreeMap<>();
        signatureRefusals().forEach(counter -> reasons.merge(counter.getId().getTag("reason"),
                Math.round(counter.count()), Long::sum));
        StringBuilder text = new StringBuilder();
        reasons.forEach((reason, count) -> text.append(text.length() == 0 ? "" : ", ").append(reason).append(' ')
                .append(count));
        return text.toString();
    }
}
