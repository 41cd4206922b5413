package com.example.paymentflow.logging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.core.NestedExceptionUtils;

/**
 * Log lines that could otherwise repeat for every request or attempt, summarised per kind: the first line of a kind
 * is written at once, further ones within the window are only counted, and one line with the count and the latest
 * of them is written when the window has passed ({@link #flush}, or the next line of that kind). Made and flushed by
 * {@link SummarizedLogs}.
 */
public final class SummarizedLog {

    private final Logger logger;
    private final Level level;
    private final Marker marker;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        final Instant opened;
        int suppressed;
        String latest;

        Window(Instant opened) {
            this.opened = opened;
        }
    }

    public SummarizedLog(Logger logger, Level level, Duration window, Clock clock) {
        this(logger, level, null, window, clock);
    }

    /** @param marker on every line, the summaries included (null: none) */
    public SummarizedLog(Logger logger, Level level, Marker marker, Duration window, Clock clock) {
        this.logger = logger;
        this.level = level;
        this.marker = marker;
        this.window = window;
        this.clock = clock;
    }

    /**
     * What a failure says, for a line: its most specific cause's message (its first line), or its name; the URLs in
     * it cut to their host ({@link RedactedUrls}), e-mail addresses masked ({@link RedactedAddresses}).
     */
    public static String reasonOf(Throwable failure) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        return RedactedAddresses.in(RedactedUrls.in(cause.getMessage() == null ? cause.toString()
                : cause.getMessage().lines().findFirst().orElse("")));
    }

    /** Writes the line now if it is the first of its kind in the window, else counts it. */
    public void log(String kind, String line) {
        Instant now = clock.instant();
        windows.compute(kind, (key, open) -> {
            if (open != null && now.isBefore(open.opened.plus(window))) {
                open.suppressed++;
                open.latest = line;
                return open;
            }
            if (open != null) {
                writeSummary(key, open);
            }
            line().log(line);
            return new Window(now);
        });
    }

    /** Writes the summaries of the windows that have passed. */
    public void flush() {
        closeWindowsOpenedBy(clock.instant().minus(window));
    }

    /** Writes every count held back, whether or not its window has passed (at stop). */
    public void flushAll() {
        closeWindowsOpenedBy(Instant.MAX);
    }

    private void closeWindowsOpenedBy(Instant cutoff) {
        for (String kind : windows.keySet()) {
            windows.computeIfPresent(kind, (key, open) -> {
                if (open.opened.isAfter(cutoff)) {
                    return open;
                }
                writeSummary(key, open);
                return null;
            });
        }
    }

    private void writeSummary(String kind, Window closed) {
        if (closed.suppressed > 0) {
            line().log("{}: {} more in the {} s after the line above; the latest: {}", kind,
                    closed.suppressed, window.toSeconds(), closed.latest);
        }
    }

    private LoggingEventBuilder line() {
        LoggingEventBuilder line = logger.atLevel(level);
        return marker == null ? line : line.addMarker(marker);
    }
}
