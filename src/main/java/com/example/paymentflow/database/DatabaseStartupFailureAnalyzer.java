package com.example.paymentflow.database;

import java.sql.SQLException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Start-up stopped by the database settings or the database: reported as Spring Boot reports a missing setting
 * ("APPLICATION FAILED TO START", what, what to do), instead of some 80 lines of stack trace around PostgreSQL's
 * one useful line, or Spring's advice to put H2 on the classpath. Never quotes the URL, which may carry a password.
 * Before Spring's own analyzers, whose answer for a URL it cannot read speaks of embedded databases.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseStartupFailureAnalyzer implements FailureAnalyzer {

    /** Spring's, not public: no driver could be told from the URL. */
    private static final String UNREADABLE_URL =
            "org.springframework.boot.autoconfigure.jdbc.DataSourceProperties$DataSourceBeanCreationException";
    private static final String ACTION = "Check SPRING_DATASOURCE_URL (jdbc:postgresql://host:5432/database), "
            + "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD, and that PostgreSQL runs and takes "
            + "connections from here; then start again. Without SPRING_DATASOURCE_URL an embedded PostgreSQL is "
            + "started (README).";

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (UNREADABLE_URL.equals(cause.getClass().getName())
                    || cause instanceof IllegalArgumentException && String.valueOf(cause.getMessage())
                    .contains("must start with \"jdbc\"")) {
                return new FailureAnalysis("SPRING_DATASOURCE_URL is not a PostgreSQL JDBC URL.", ACTION, failure);
            }
            if (cause instanceof SQLException sql && isConnectionRefusal(sql.getSQLState())) {
                String reason = sql.getMessage() == null ? sql.getSQLState()
                        : sql.getMessage().lines().findFirst().orElse(sql.getSQLState());
                return new FailureAnalysis("PostgreSQL refused or could not be reached (SQLSTATE " + sql.getSQLState()
                        + "): " + reason, ACTION, failure);
            }
        }
        return null;
    }

    /** Connection errors (class 08), a refused login (28), a database that does not exist (3D000). */
    private static boolean isConnectionRefusal(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("28") || state.equals("3D000"));
    }
}
