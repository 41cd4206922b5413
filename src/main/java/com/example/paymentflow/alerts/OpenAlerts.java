package com.example.paymentflow.alerts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.example.paymentflow.delivery.DestinationPauses;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The conditions on destinations being alerted on now, shared by every instance (table open_alerts): whichever
 * instance opens or closes one first sends its alert, the others find it done. A condition seen by several instances
 * at once is therefore announced once, and so is its end.
 */
class OpenAlerts {

    /** What a condition's messages say about one destination; {@code T} is what the check knows of it. */
    interface Messages<T> {

        Alert firing(String destination, T seen, Instant now);

        /** @param seen null when the destination is no longer reported */
        Alert resolved(String destination, T seen, Instant openedAt, Instant now);

        Alert paused(String destination, DestinationPauses.Pause pause, Instant openedAt, Instant now);
    }

    private final JdbcTemplate jdbc;
    private final DestinationPauses pauses;
    private final AlertOutbox outbox;

    OpenAlerts(JdbcTemplate jdbc, DestinationPauses pauses, AlertOutbox outbox) {
        this.jdbc = jdbc;
        this.pauses = pauses;
        this.outbox = outbox;
    }

    /**
     * Opens the condition for each destination that meets it, closes it for each that no longer does or is no longer
     * reported, and sends the alert of each change made here. A destination an operator paused is not alerted on,
     * and is closed if it was: its deliveries wait on purpose (the pause is logged with who and why), so they neither
     * succeed nor keep up.
     *
     * @param state what the check knows of each destination, by name; read after the pauses, so that a destination
     *              seen resumed is seen as its resumption left it (a resume restarts the failing clock)
     */
    <T> void reconcile(AlertCondition condition, Supplier<Map<String, T>> state, Predicate<T> meets,
                       Messages<T> messages, Instant now) {
        reconcile(condition, state, meets, meets, messages, now);
    }

    /**
     * As {@link #reconcile(AlertCondition, Supplier, Predicate, Messages, Instant)}, with a condition that, once open,
     * lasts as long as {@code lasts} holds (which {@code opens} implies).
     */
    <T> void reconcile(AlertCondition condition, Supplier<Map<String, T>> state, Predicate<T> opens,
                       Predicate<T> lasts, Messages<T> messages, Instant now) {
        Map<String, DestinationPauses.Pause> paused = pauses.all();
        Map<String, T> destinations = state.get();
        destinations.forEach((name, seen) -> {
            if (opens.test(seen) && !paused.containsKey(name) && open(condition, name)) {
                outbox.submit(messages.firing(name, seen, now));
            }
        });
        for (String name : subjects(condition)) {
            T seen = destinations.get(name);
            DestinationPauses.Pause pause = paused.get(name);
            if (pause != null) {
                close(condition, name).ifPresent(since -> outbox.submit(messages.paused(name, pause, since, now)));
            } else if (seen == null || !lasts.test(seen)) {
                close(condition, name).ifPresent(since -> outbox.submit(messages.resolved(name, seen, since, now)));
            }
        }
    }

    /** @return whether this call opened it (false: it was open already) */
    private boolean open(AlertCondition condition, String subject) {
        return jdbc.update("INSERT INTO open_alerts (condition, subject) VALUES (?, ?) ON CONFLICT DO NOTHING",
                condition.label(), subject) == 1;
    }

    /** @return when it was opened, if this call closed it (empty: it was not open) */
    private Optional<Instant> close(AlertCondition condition, String subject) {
        return jdbc.query("DELETE FROM open_alerts WHERE condition = ? AND subject = ? RETURNING opened_at",
                (row, n) -> row.getObject("opened_at", OffsetDateTime.class).toInstant(),
                condition.label(), subject).stream().findFirst();
    }

    private List<String> subjects(AlertCondition condition) {
        return jdbc.queryForList("SELECT subject FROM open_alerts WHERE condition = ?", String.class,
                condition.label());
    }
}
