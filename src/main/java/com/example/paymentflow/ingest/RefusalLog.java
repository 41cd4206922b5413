package com.example.paymentflow.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.example.paymentflow.background.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Refused requests, logged in summary: at most one WARN line per interval
 * ({@code paymentflow.webhook.refusal-log-interval}, a minute by default) with the count per source address and
 * reason, e.g. {@code Refused 940 webhook requests since 10:41:00Z: 939 from 203.0.113.9 (signature_mismatch),
 * 1 from 198.51.100.4 (payload_too_large)}. A flood of forged requests is one line a minute, not one per request.
 * At most {@value #MAX_SOURCES} address-and-reason pairs are told apart per interval; beyond them, requests are
 * counted as "from other sources", so that a spoofed-address flood cannot grow the memory or the line without
 * bound. Never a body, a header or a secret: the address and the reason are all there is.
 */
@Component
public class RefusalLog extends PeriodicTask {

    static final int MAX_SOURCES = 50;
    private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);

    private record Source(String address, String reason) {
    }

    private final Duration interval;
    private final Clock clock;
    private Map<Source, Long> counts = new HashMap<>();
    private long fromOtherSources;
    private Instant since;

    @Autowired
    public RefusalLog(WebhookProperties webhook) {
        this(webhook.refusalLogInterval(), Clock.systemUTC());
    }

    RefusalLog(Duration interval, Clock clock) {
        super("refusal-log");
        this.interval = interval;
        this.clock = clock;
        this.since = clock.instant();
    }

    /** @param reason a short reason, such as a {@link RefusalReason#tag()} */
    public synchronized void record(String address, String reason) {
        Source source = new Source(address == null ? "unknown" : address, reason);
        if (counts.size() < MAX_SOURCES || counts.containsKey(source)) {
            counts.merge(source, 1L, Long::sum);
        } else {
            fromOtherSources++;
        }
    }

    /** Logs the refusals since the last line, if there were any, and starts counting afresh. */
    public void flush() {
        Map<Source, Long> logged;
        long others;
        Instant from;
        synchronized (this) {
            logged = counts;
            others = fromOtherSources;
            from = since;
            counts = new HashMap<>();
            fromOtherSources = 0;
            since = clock.instant();
        }
        long total = others + logged.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return;
        }
        String detail = logged.entrySet().stream()
                .sorted(Map.Entry.<Source, Long>comparingByValue(Comparator.reverseOrder()))
                .map(entry -> entry.getValue() + " from " + entry.getKey().address()
                        + " (" + entry.getKey().reason() + ")")
                .collect(Collectors.joining(", "));
        if (others > 0) {
            detail += (detail.isEmpty() ? "" : ", ") + others + " from other sources";
        }
        LOG.warn("Refused {} webhook requests since {}: {}", total, from, detail);
    }

    @Override
    protected Duration interval() {
        return interval;
    }

    @Override
    protected void runPeriodically() {
        flush();
    }

    /** What came since the last line is logged before the service ends. */
    @Override
    protected void onStop() {
        flush();
    }
}
