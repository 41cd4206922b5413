package com.example.paymentflow.retention;

import java.time.Duration;

import com.example.paymentflow.logging.SummarizedLog;
import com.example.paymentflow.logging.SummarizedLogs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.stereotype.Component;

/**
 * Logs the genuine events answered "already processed" because they are older than the retention. Anyone holding
 * one old signed event could send it again and again, so the lines are summarised: the first at once, then one a
 * minute with the count.
 */
@Component
public class ExpiredEventReplays {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiredEventReplays.class);
    private static final String KIND = "Events older than the retention";

    private final SummarizedLog log;

    public ExpiredEventReplays(SummarizedLogs logs) {
        this.log = logs.create(LOG, Level.INFO, Duration.ofMinutes(1));
    }

    public void answered(String eventId) {
        log.log(KIND, "Event " + eventId + " is older than the retention: answered as already processed, "
                + "not processed");
    }
}
