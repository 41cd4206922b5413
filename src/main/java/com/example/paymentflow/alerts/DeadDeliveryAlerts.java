package com.example.paymentflow.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.example.paymentflow.operations.DeliveryCountGauges;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deliveries turned dead, named in one alert per group: the first dead delivery noticed waits
 * {@code group-within}, and the alert then names every one noticed meanwhile (event id, destination, delivery id).
 * <p>
 * Each check copies the deliveries that died lately from the partial index on dead deliveries into
 * dead_delivery_alerts, where several instances noticing the same one store it once; the instance that takes a
 * ready group (FOR UPDATE SKIP LOCKED) marks it alerted in the same transaction and sends it.
 */
class DeadDeliveryAlerts implements AlertCheck {

    /** How far back a check looks for deaths: covers a stopped monitor, and deaths committed late. */
    static final Duration LOOKBACK = Duration.ofHours(1);
    /** An alert names this many deliveries; the rest are counted. */
    static final int LISTED = 50;

    private record DeadDelivery(long deliveryId, OffsetDateTime diedAt, String eventId, String destination) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final DeliveryCountGauges backlog;
    private final AlertOutbox outbox;
    private final Duration groupWithin;
    private final String instance;
    private Instant lastCleanup = Instant.EPOCH;

    DeadDeliveryAlerts(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, DeliveryCountGauges backlog,
                       AlertOutbox outbox, Duration groupWithin, String instance) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.backlog = backlog;
        this.outbox = outbox;
        this.groupWithin = groupWithin;
        this.instance = instance;
    }

    @Override
    public void check(Instant now) {
        Set<String> destinations = backlog.latest().map(snapshot -> snapshot.destinations().keySet()).orElse(Set.of());
        if (destinations.isEmpty()) {
            return;
        }
        jdbc.update("""
                INSERT INTO dead_delivery_alerts (delivery_id, died_at, event_id, destination)
                SELECT id, updated_at, event_id, destination FROM deliveries
                WHERE status = 'dead' AND destination = ANY(CAST(:destinations AS text[]))
                  AND updated_at > now() - :lookbackMs * interval '1 millisecond'
                ON CONFLICT DO NOTHING""", new MapSqlParameterSource()
                .addValue("destinations", destinations.toArray(String[]::new))
                .addValue("lookbackMs", LOOKBACK.toMillis()));
        List<DeadDelivery> group = transaction.execute(status -> takeReadyGroup());
        if (group != null && !group.isEmpty()) {
            outbox.submit(alert(group, now));
        }
        if (now.isAfter(lastCleanup.plus(Duration.ofHours(1)))) {
            jdbc.getJdbcTemplate().update(
                    "DELETE FROM dead_delivery_alerts WHERE alerted_at < now() - interval '1 day'");
            lastCleanup = now;
        }
    }

    /** The unalerted deaths, marked alerted, if the first was noticed a group interval ago; else none. */
    private List<DeadDelivery> takeReadyGroup() {
        List<Boolean> ready = new ArrayList<>();
        List<DeadDelivery> group = jdbc.query("""
                SELECT delivery_id, died_at, event_id, destination,
                       noticed_at <= now() - :groupMs * interval '1 millisecond' AS ready
                FROM dead_delivery_alerts WHERE alerted_at IS NULL
                ORDER BY noticed_at, delivery_id
                FOR UPDATE SKIP LOCKED""", new MapSqlParameterSource("groupMs", groupWithin.toMillis()),
                (row, n) -> {
                    ready.add(row.getBoolean("ready"));
                    return new DeadDelivery(row.getLong("delivery_id"), row.getObject("died_at", OffsetDateTime.class),
                            row.getString("event_id"), row.getString("destination"));
                });
        if (group.isEmpty() || !ready.get(0)) {
            return List.of();
        }
        jdbc.batchUpdate("""
                UPDATE dead_delivery_alerts SET alerted_at = now()
                WHERE delivery_id = :deliveryId AND died_at = :diedAt""", group.stream()
                .map(dead -> new MapSqlParameterSource("deliveryId", dead.deliveryId()).addValue("diedAt", dead.diedAt()))
                .toArray(MapSqlParameterSource[]::new));
        return group;
    }

    private Alert alert(List<DeadDelivery> group, Instant now) {
        Map<String, Integer> perDestination = new TreeMap<>();
        group.forEach(dead -> perDestination.merge(dead.destination(), 1, Integer::sum));
        String title = group.size() == 1
                ? "Delivery of event " + group.get(0).eventId() + " to " + group.get(0).destination() + " is dead"
                : group.size() + " deliveries are dead: " + perDestination.toString().replaceAll("[{}]", "")
                        .replace("=", " ");
        List<String> details = new ArrayList<>();
        details.add("They will not be attempted again until replayed:");
        group.stream().limit(LISTED).forEach(dead -> details.add("event " + dead.eventId() + " to "
                + dead.destination() + " (delivery " + dead.deliveryId() + "), dead at " + Wording.time(dead.diedAt().toInstant())));
        if (group.size() > LISTED) {
            details.add("... and " + (group.size() - LISTED) + " more: GET /api/deliveries?status=dead");
        }
        details.add("Why: last_error in GET /api/events/<event id>. Once the cause is fixed, replay: "
                + "POST /api/deliveries/<delivery>/replay, or every dead one of a destination: "
                + "POST /api/deliveries/replay?destination=<destination> (or the console's replay operations).");
        return new Alert(AlertCondition.DEAD_DELIVERIES, AlertState.FIRING, String.join(",", perDestination.keySet()),
                title, details, instance, now);
    }
}
