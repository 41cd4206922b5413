package com.example.paymentflow.operations;

import java.sql.Array;
import java.sql.Types;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SQL of a re-route: a page of stored events with the destinations they already have, and the deliveries to
 * add. Constant statements with bound parameters, as in {@link DeliveryOperationsRepository}.
 */
@Repository
public class RerouteRepository {

    // keyset order (received_at, event_id): a page boundary never splits or repeats events received together
    private static final String PAGE = """
            SELECT e.event_id, e.payload,
                   ARRAY(SELECT d.destination FROM deliveries d WHERE d.event_id = e.event_id) AS destinations
            FROM inbound_events e
            WHERE (CAST(:eventId AS text) IS NULL OR e.event_id = :eventId)
              AND (CAST(:eventType AS text) IS NULL OR e.event_type = :eventType)
              AND (CAST(:from AS timestamptz) IS NULL OR e.received_at >= :from)
              AND (CAST(:to AS timestamptz) IS NULL OR e.received_at < :to)
              AND (CAST(:after AS text) IS NULL
                   OR (e.received_at, e.event_id) > (SELECT c.received_at, c.event_id FROM inbound_events c
                                                     WHERE c.event_id = :after))
            ORDER BY e.received_at, e.event_id
            LIMIT :limit""";

    // A delivery's created_at is its event's received_at, as when the event was stored with it (the listing of
    // undelivered deliveries sorts and filters by it). An event the purge is deleting at this moment is locked
    // FOR UPDATE: it is skipped, not failed on.
    private static final String ADD = """
            WITH wanted AS (
                SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS w(event_id, destination)),
            present AS (
                SELECT e.event_id, e.received_at FROM inbound_events e
                WHERE e.event_id IN (SELECT event_id FROM wanted)
                FOR KEY SHARE SKIP LOCKED)
            INSERT INTO deliveries (event_id, destination, created_at)
            SELECT w.event_id, w.destination, p.received_at
            FROM wanted w JOIN present p ON p.event_id = w.event_id
            ORDER BY w.event_id, w.destination
            ON CONFLICT (event_id, destination) DO NOTHING
            RETURNING destination""";

    private final NamedParameterJdbcTemplate jdbc;

    public RerouteRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The first events of the scope after its cursor, oldest first: one more than its limit, if there are. */
    public List<StoredEvent> page(RerouteScope scope) {
        MapSqlParameterSource parameters = DeliveryOperationsRepository
                .filters(null, scope.eventType(), scope.from(), scope.to())
                .addValue("eventId", scope.eventId(), Types.VARCHAR)
                .addValue("after", scope.after(), Types.VARCHAR)
                .addValue("limit", scope.limit() + 1);
        return jdbc.query(PAGE, parameters, (row, n) -> new StoredEvent(row.getString("event_id"),
                row.getBytes("payload"), Set.copyOf(Arrays.asList((String[]) row.getArray("destinations").getArray()))));
    }

    /** Whether an event with this id is stored. */
    public boolean exists(String eventId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM inbound_events WHERE event_id = :eventId)",
                new MapSqlParameterSource("eventId", eventId), Boolean.class));
    }

    /**
     * Adds a pending delivery, due now, for each (event, destination) pair that has none yet; a pair that has one
     * (added meanwhile by another re-route) is left as it is.
     *
     * @return the deliveries added, per destination
     */
    public Map<String, Integer> add(List<String> eventIds, List<String> destinations) {
        Map<String, Integer> added = new HashMap<>();
        if (eventIds.isEmpty()) {
            return added;
        }
        // arrays of the driver's own making: a statement of its own, not a named one
        jdbc.getJdbcTemplate().query(connection -> {
            var statement = connection.prepareStatement(ADD);
            Array events = connection.createArrayOf("text", eventIds.toArray());
            Array names = connection.createArrayOf("text", destinations.toArray());
            statement.setArray(1, events);
            statement.setArray(2, names);
            return statement;
        }, row -> {
            added.merge(row.getString(1), 1, Integer::sum);
        });
        return added;
    }

    /** A stored event: its id, the exact bytes received, and the destinations it has deliveries for. */
    public record StoredEvent(String eventId, byte[] payload, Set<String> destinations) {
    }
}
