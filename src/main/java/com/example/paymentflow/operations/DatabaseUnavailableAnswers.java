package com.example.paymentflow.operations;

import java.time.Duration;

import com.example.paymentflow.logging.SummarizedLog;
import com.example.paymentflow.logging.SummarizedLogs;
import com.example.paymentflow.operations.ErrorAnswers.ErrorAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.stereotype.Component;

/**
 * The answer to an operations request the database could not serve (out of reach, or the connection lost): 503, for
 * the operator to retry, logged in summary (one line a minute with the count) instead of a stack trace per request,
 * which an outage would repeat for every refresh of a dashboard or the console.
 */
@Component
public class DatabaseUnavailableAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableAnswers.class);

    private final SummarizedLog log;

    public DatabaseUnavailableAnswers(SummarizedLogs logs) {
        this.log = logs.create(LOG, Level.WARN, Duration.ofMinutes(1));
    }

    public ErrorAnswer of(String routeId, Throwable failure) {
        log.log("database-unavailable", "Operations request " + routeId + " answered 503: the database is unavailable ("
                + SummarizedLog.reasonOf(failure) + ")");
        return new ErrorAnswer("the database is unavailable, please retry");
    }
}
