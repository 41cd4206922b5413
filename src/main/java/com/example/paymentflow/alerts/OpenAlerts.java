package com.example.paymentflow.alerts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The conditions being alerted on now, shared by every instance (table open_alerts): whichever instance opens or
 * closes one first sends its alert, the others find it done. A condition seen by several instances at once is
 * therefore announced once, and so is its end.
 */
class OpenAlerts {

    private final JdbcTemplate jdbc;

    OpenAlerts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return whether this call opened it (false: it was open already) */
    boolean open(AlertCondition condition, String subject) {
        return jdbc.update("INSERT INTO open_alerts (condition, subject) VALUES (?, ?) ON CONFLICT DO NOTHING",
                condition.label(), subject) == 1;
    }

    /** @return when it was opened, if this call closed it (empty: it was not open) */
    Optional<Instant> close(AlertCondition condition, String subject) {
        return jdbc.query("DELETE FROM open_alerts WHERE condition = ? AND subject = ? RETURNING opened_at",
                (row, n) -> row.getObject("opened_at", OffsetDateTime.class).toInstant(),
                condition.label(), subject).stream().findFirst();
    }

    List<String> subjects(AlertCondition condition) {
        return jdbc.queryForList("SELECT subject FROM open_alerts WHERE condition = ?", String.class,
                condition.label());
    }
}
