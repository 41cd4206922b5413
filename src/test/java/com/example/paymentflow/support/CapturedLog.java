package com.example.paymentflow.support;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** The lines the service logs while a test runs (every logger), for tests that count them. */
public final class CapturedLog implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLog() {
        appender.start();
        root.addAppender(appender);
    }

    public static CapturedLog start() {
        return new CapturedLog();
    }

    /** Lines at WARN or above, formatted, with the exception's message when there is one. */
    public synchronized List<String> warnings() {
        return List.copyOf(appender.list).stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .map(event -> event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : " | " + event.getThrowableProxy().getMessage()))
                .toList();
    }

    /** Lines at any level the service's log settings let through, formatted, that contain the text. */
    public synchronized List<String> linesMentioning(String text) {
        return List.copyOf(appender.list).stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains(text)).toList();
    }

    /** Lines at any level, formatted, whose text or exception (its message, its causes') contains the text. */
    public synchronized List<String> anythingMentioning(String text) {
        return List.copyOf(appender.list).stream().map(CapturedLog::withExceptions)
                .filter(line -> line.contains(text)).toList();
    }

    private static String withExceptions(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            line.append(" | ").append(cause.getMessage());
        }
        return line.toString();
    }

    /** Lines of the one logger, formatted: other tests' services may still be logging in this JVM. */
    public synchronized List<String> linesOf(org.slf4j.Logger logger) {
        return List.copyOf(appender.list).stream().filter(event -> event.getLoggerName().equals(logger.getName()))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    public List<String> warningsMentioning(String text) {
        return warnings().stream().filter(line -> line.contains(text)).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
