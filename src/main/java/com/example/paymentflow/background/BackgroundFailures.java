package com.example.paymentflow.background;

import java.time.Duration;

import com.example.paymentflow.logging.SummarizedLog;
import com.example.paymentflow.logging.SummarizedLogs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.stereotype.Component;

/**
 * Logs an unexpected failure of a route that runs on its own (a delivery poller, the purge of expired events):
 * the route runs again at its next poll, so while its cause lasts (the database out of reach) it would fail every
 * few seconds. The lines are summarised per route: the first at once, then one a minute with the count.
 */
@Component
public class BackgroundFailures {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundFailures.class);

    private final SummarizedLog log;

    public BackgroundFailures(SummarizedLogs logs) {
        this.log = logs.create(LOG, Level.WARN, Duration.ofMinutes(1));
    }

    public void failed(String routeId, Throwable failure) {
        log.log(routeId, routeId + " failed, will run again at its next poll: " + SummarizedLog.reasonOf(failure));
    }
}
