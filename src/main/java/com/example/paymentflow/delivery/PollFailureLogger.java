package com.example.paymentflow.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * Exception handler of the delivery pollers. A poll fails as a whole only when the database cannot be reached;
 * one line per failed poll says so, where the default handler would print a stack trace every poll interval.
 */
@Component
public class PollFailureLogger implements ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PollFailureLogger.class);

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(exception);
        LOG.warn("Delivery poll failed, will poll again: {}: {}", root.getClass().getSimpleName(), root.getMessage());
    }
}
