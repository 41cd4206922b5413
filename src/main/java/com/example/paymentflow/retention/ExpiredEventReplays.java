package com.example.paymentflow.retention;

import java.time.Clock;
import java.time.Duration;

import com.example.paymentflow.logging.SummarizedLog;
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

    private final SummarizedLog log = new SummarizedLog(LOG, Level.INFO, Duration.ofMinutes(1), Clock.systemUTC());

    public void answered(String eventId) {
        log.log(KIND, "Event " + eventId + " is older than the retention: answered as already processed, "
                + "not processed");
    }

    /** Writes the count of the lines held back, once their minute has passed. */
    public void flush() {
        log.flush();
    }
}
