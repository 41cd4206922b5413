package com.example.paymentflow.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether this instance reaches PostgreSQL ({@code SELECT 1} every check), as the gauge
 * {@code paymentflow.database.reachable} (1 or 0) and as an alert once it has not for
 * {@code paymentflow.alerts.database-unreachable.after}, then one when it is back. Each instance reports for
 * itself: these alerts cannot go through the database.
 */
class DatabaseReachability {

    private final JdbcTemplate jdbc;
    private final AlertOutbox outbox;
    private final Duration after;
    private final String instance;
    private volatile boolean reachable = true;
    private Instant unreachableSince;
    private boolean alerted;

    DatabaseReachability(JdbcTemplate jdbc, AlertOutbox outbox, Duration after, String instance,
                         MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.after = after;
        this.instance = instance;
        Gauge.builder("paymentflow.database.reachable", this, check -> check.reachable ? 1 : 0)
                .description("Whether this instance reached PostgreSQL at its last check (1) or not (0)")
                .register(meters);
    }

    /** @return whether the database answered */
    boolean check(Instant now) {
        try {
            jdbc.queryForObject("SELECT 1", Integer.class);
        } catch (DataAccessException failure) {
            unreachable(now, NestedExceptionUtils.getMostSpecificCause(failure));
            return false;
        }
        reachable(now);
        return true;
    }

    private void unreachable(Instant now, Throwable cause) {
        reachable = false;
        if (unreachableSince == null) {
            unreachableSince = now;
        }
        if (!alerted && !now.isBefore(unreachableSince.plus(after))) {
            alerted = true;
            outbox.submit(new Alert(AlertCondition.DATABASE_UNREACHABLE, AlertState.FIRING, instance,
                    instance + " has not reached the database for " + Wording.duration(after),
                    List.of("Unreachable since " + Wording.time(unreachableSince) + ": " + cause.getClass().getSimpleName() + ": "
                                    + cause.getMessage(),
                            "Webhooks are answered 503 meanwhile, and PaymentFlow retries them; deliveries wait.",
                            "Check PostgreSQL (SPRING_DATASOURCE_URL) and the network between them."),
                    instance, now));
        }
    }

    private void reachable(Instant now) {
        reachable = true;
        if (alerted) {
            outbox.submit(new Alert(AlertCondition.DATABASE_UNREACHABLE, AlertState.RESOLVED, instance,
                    instance + " reaches the database again",
                    List.of("Unreachable from " + Wording.time(unreachableSince) + " to " + Wording.time(now) + " ("
                            + Wording.duration(Duration.between(unreachableSince, now)) + ")."),
                    instance, now));
        }
        alerted = false;
        unreachableSince = null;
    }
}
