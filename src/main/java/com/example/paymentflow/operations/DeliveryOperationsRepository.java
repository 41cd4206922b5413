package com.example.paymentflow.operations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the operations API and console. Every statement is a constant with bound parameters: an absent
 * filter is a NULL parameter that its {@code IS NULL OR} clause lets through, so no SQL text is ever assembled
 * from what an operator sent.
 */
@Repository
public class DeliveryOperationsRepository {

    // A replayed delivery is due now, counted from its first attempt again, with one more replay on record.
    private static final String REPLAY_ONE = """
            UPDATE deliveries d
            SET status = 'pending', attempts = 0, next_attempt_at = now(), replays = d.replays + 1, updated_at = now()
            WHERE d.id = :id AND d.status IN ('dead', 'failed')""";

    private static final String REPLAY_DEAD = """
            UPDATE deliveries d
            SET status = 'pending', attempts = 0, next_attempt_at = now(), replays = d.replays + 1, updated_at = now()
            FROM inbound_events e
            WHERE e.event_id = d.event_id AND d.status = 'dead'
              AND (CAST(:destination AS text) IS NULL OR d.destination = :destination)
              AND (CAST(:eventType AS text) IS NULL OR e.event_type = :eventType)
              AND (CAST(:from AS timestamptz) IS NULL OR e.received_at >= :from)
              AND (CAST(:to AS timestamptz) IS NULL OR e.received_at < :to)""";

    private static final String LIST = """
            SELECT d.id, d.event_id, e.event_type, e.received_at, d.destination, d.status, d.attempts,
                   d.next_attempt_at, d.last_error, d.delivered_at, d.replays, d.updated_at
            FROM deliveries d JOIN inbound_events e ON e.event_id = d.event_id
            WHERE (CAST(:status AS text) IS NULL OR d.status = :status)
              AND (CAST(:destination AS text) IS NULL OR d.destination = :destination)
              AND (CAST(:eventType AS text) IS NULL OR e.event_type = :eventType)
              AND (CAST(:from AS timestamptz) IS NULL OR e.received_at >= :from)
              AND (CAST(:to AS timestamptz) IS NULL OR e.received_at < :to)
              AND (CAST(:before AS bigint) IS NULL
                   OR (e.received_at, d.id) < (SELECT c.created_at, c.id FROM deliveries c WHERE c.id = :before))
            ORDER BY e.received_at DESC, d.id DESC
            LIMIT :limit""";

    // The same for pending, failed or dead deliveries, which are few among many delivered ones: read from their
    // partial indexes (deliveries_due_in_claim_order, deliveries_dead), sorted, and joined to their events one at a
    // time until the limit is reached. LIST walks the events newest first until enough deliveries match, which the
    // planner prefers for rare statuses too: when the matching deliveries were old, it read every event since (1.5 s
    // for dead ones of a week ago among 4 million deliveries, bench/listing.sh). A delivery is stored by the
    // statement that stores its event (ingest/InboxRepository.java): its created_at is its event's received_at, which
    // is what lets the order and the time range use the delivery's own column. (The event's primary key finds one
    // row: LIMIT 1 keeps PostgreSQL from making the lookup a join that reads every event.)
    private static final String LIST_UNDELIVERED = """
            WITH matching AS MATERIALIZED (
                SELECT id, event_id, destination, status, attempts, next_attempt_at, last_error, delivered_at, replays,
                       updated_at, created_at
                FROM deliveries
                WHERE status = :status
                  AND (CAST(:destination AS text) IS NULL OR destination = :destination)
                  AND (CAST(:from AS timestamptz) IS NULL OR created_at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR created_at < :to)
                  AND (CAST(:before AS bigint) IS NULL
                       OR (created_at, id) < (SELECT c.created_at, c.id FROM deliveries c WHERE c.id = :before)))
            SELECT d.id, d.event_id, e.event_type, e.received_at, d.destination, d.status, d.attempts,
                   d.next_attempt_at, d.last_error, d.delivered_at, d.replays, d.updated_at
            FROM (SELECT * FROM matching ORDER BY created_at DESC, id DESC) d
            CROSS JOIN LATERAL (
                SELECT event_type, received_at FROM inbound_events WHERE event_id = d.event_id LIMIT 1) e
            WHERE CAST(:eventType AS text) IS NULL OR e.event_type = :eventType
            ORDER BY d.created_at DESC, d.id DESC
            LIMIT :limit""";

    private final NamedParameterJdbcTemplate jdbc;

    public DeliveryOperationsRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The event with its deliveries and their attempts; never the payload. */
    public Optional<EventDeliveries> findEvent(String eventId) {
        MapSqlParameterSource params = new MapSqlParameterSource("eventId", eventId);
        List<EventDeliveries> events = jdbc.query(
                "SELECT event_id, event_type, received_at FROM inbound_events WHERE event_id = :eventId", params,
                (row, n) -> new EventDeliveries(row.getString("event_id"), row.getString("event_type"),
                        instant(row, "received_at"), List.of()));
        if (events.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, List<EventDeliveries.Attempt>> attempts = new LinkedHashMap<>();
        jdbc.query("""
                SELECT a.delivery_id, a.attempt, a.outcome, a.error, a.attempted_at
                FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
                WHERE d.event_id = :eventId
                ORDER BY a.attempted_at, a.id""", params, row -> {
            attempts.computeIfAbsent(row.getLong("delivery_id"), id -> new ArrayList<>())
                    .add(new EventDeliveries.Attempt(row.getInt("attempt"), row.getString("outcome"),
                            row.getString("error"), instant(row, "attempted_at")));
        });
        List<EventDeliveries.Delivery> deliveries = jdbc.query("""
                SELECT id, destination, status, attempts, next_attempt_at, last_error, delivered_at, replays
                FROM deliveries WHERE event_id = :eventId ORDER BY id""", params,
                (row, n) -> new EventDeliveries.Delivery(row.getLong("id"), row.getString("destination"),
                        row.getString("status"), row.getInt("attempts"), instant(row, "next_attempt_at"),
                        row.getString("last_error"), instant(row, "delivered_at"), row.getInt("replays"),
                        attempts.getOrDefault(row.getLong("id"), List.of())));
        EventDeliveries event = events.get(0);
        return Optional.of(new EventDeliveries(event.eventId(), event.eventType(), event.receivedAt(), deliveries));
    }

    public List<DeliveryListing.Row> findDeliveries(DeliveryQuery query) {
        MapSqlParameterSource params = filters(query.destination(), query.eventType(), query.from(), query.to())
                .addValue("status", query.status(), Types.VARCHAR)
                .addValue("limit", query.limit(), Types.INTEGER)
                .addValue("before", query.before(), Types.BIGINT);
        String statement = query.status() != null && DeliveryStatuses.UNDELIVERED.contains(query.status())
                ? LIST_UNDELIVERED : LIST;
        return jdbc.query(statement, params, (row, n) -> new DeliveryListing.Row(row.getLong("id"),
                row.getString("event_id"), row.getString("event_type"), instant(row, "received_at"),
                row.getString("destination"), row.getString("status"), row.getInt("attempts"),
                instant(row, "next_attempt_at"), row.getString("last_error"), instant(row, "delivered_at"),
                row.getInt("replays"), instant(row, "updated_at")));
    }

    /** Counts of every delivery, by destination and status: a scan of the table, for on-demand questions. */
    public List<StatusCount> countAll() {
        return jdbc.query("SELECT destination, status, count(*) AS n FROM deliveries GROUP BY destination, status",
                DeliveryOperationsRepository::statusCount);
    }

    /**
     * Counts of the deliveries not delivered, for metrics: each part from its partial index (due deliveries, dead
     * ones), so that the cost follows the backlog, not the table. One condition on all three statuses matches
     * neither index's condition, and PostgreSQL read the whole table for it (0.6-0.9 s every refresh with 4 million
     * deliveries, docs/benchmarks.md).
     */
    public List<StatusCount> countUndelivered() {
        return jdbc.query("""
                SELECT destination, status, count(*) AS n FROM deliveries
                WHERE status IN ('pending', 'failed')
                GROUP BY destination, status
                UNION ALL
                SELECT destination, status, count(*) AS n FROM deliveries
                WHERE status = 'dead'
                GROUP BY destination, status""", DeliveryOperationsRepository::statusCount);
    }

    /**
     * Per destination, how long its oldest due delivery (pending or failed, next attempt in the past) has been
     * waiting, at most since the destination was last resumed (while paused they wait on purpose); destinations with
     * nothing due are left out. One probe of the partial index on due deliveries per destination (the minimum of its
     * next_attempt_at), not a scan.
     */
    public Map<String, Duration> oldestDueAges(Collection<String> destinations) {
        Map<String, Duration> ages = new LinkedHashMap<>();
        jdbc.query("""
                SELECT d.destination,
                    EXTRACT(EPOCH FROM now() - greatest(oldest.due_since, h.resumed_at)) * 1000 AS due_for_ms
                FROM unnest(CAST(:destinations AS text[])) AS d(destination)
                CROSS JOIN LATERAL (
                    SELECT min(q.next_attempt_at) AS due_since
                    FROM deliveries q
                    WHERE q.destination = d.destination AND q.status IN ('pending', 'failed')
                      AND q.next_attempt_at <= now()) AS oldest
                LEFT JOIN destination_health h ON h.destination = d.destination
                WHERE oldest.due_since IS NOT NULL""",
                new MapSqlParameterSource("destinations", destinations.toArray(String[]::new)),
                row -> {
                    ages.put(row.getString("destination"), Duration.ofMillis(Math.max(0, row.getLong("due_for_ms"))));
                });
        return ages;
    }

    /**
     * Every destination ever attempted (its latest outcome is kept, one row each), for once at startup: with the
     * declared ones and those with deliveries undelivered, every destination with deliveries, without reading them.
     */
    public List<String> destinations() {
        return jdbc.getJdbcTemplate().queryForList("SELECT destination FROM destination_health", String.class);
    }

    /**
     * Makes a dead or failed delivery pending and due now. A delivery being attempted at this moment is locked
     * by its attempt; the update waits for the outcome and then applies only if the attempt failed.
     *
     * @return whether the delivery was dead or failed (and is now pending)
     */
    public boolean replay(long id) {
        return jdbc.update(REPLAY_ONE, new MapSqlParameterSource("id", id)) == 1;
    }

    public Optional<String> statusOf(long id) {
        return jdbc.query("SELECT status FROM deliveries WHERE id = :id", new MapSqlParameterSource("id", id),
                (row, n) -> row.getString("status")).stream().findFirst();
    }

    /** Makes every dead delivery in the scope pending and due now; returns how many. */
    public int replayDead(ReplayScope scope) {
        return jdbc.update(REPLAY_DEAD, filters(scope.destination(), scope.eventType(), scope.from(), scope.to()));
    }

    /** The filters every scoped statement of the operations takes, absent ones as typed NULLs. */
    static MapSqlParameterSource filters(String destination, String eventType, Instant from, Instant to) {
        return new MapSqlParameterSource()
                .addValue("destination", destination, Types.VARCHAR)
                .addValue("eventType", eventType, Types.VARCHAR)
                .addValue("from", timestamp(from), Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("to", timestamp(to), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static StatusCount statusCount(ResultSet row, int n) throws SQLException {
        return new StatusCount(row.getString("destination"), row.getString("status"), row.getLong("n"));
    }
}
