package com.example.paymentflow.logging;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.example.paymentflow.background.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Makes the service's summarised logs and writes their summaries: every second those whose window has passed, and
 * at stop whatever is still held back, so that a count is never lost and no request or poll pays for the writing.
 */
@Component
public class SummarizedLogs extends PeriodicTask {

    private final Duration flushEvery;
    private final List<SummarizedLog> logs = new CopyOnWriteArrayList<>();

    @Autowired
    public SummarizedLogs() {
        this(Duration.ofSeconds(1));
    }

    SummarizedLogs(Duration flushEvery) {
        super("summarized-logs");
        this.flushEvery = flushEvery;
    }

    /** A log of the logger at the level, summarised per kind over the window. */
    public SummarizedLog create(Logger logger, Level level, Duration window) {
        return create(logger, level, null, window);
    }

    /** The same, each line and summary with the marker. */
    public SummarizedLog create(Logger logger, Level level, Marker marker, Duration window) {
        SummarizedLog log = new SummarizedLog(logger, level, marker, window, Clock.systemUTC());
        logs.add(log);
        return log;
    }

    @Override
    protected Duration interval() {
        return flushEvery;
    }

    @Override
    protected void runPeriodically() {
        logs.forEach(SummarizedLog::flush);
    }

    @Override
    protected void onStop() {
        logs.forEach(SummarizedLog::flushAll);
    }
}
