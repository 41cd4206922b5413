package com.example.paymentflow.ingest;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.example.paymentflow.delivery.Destination;
import com.example.paymentflow.event.PaymentEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * The durable inbox: every accepted event, as the exact bytes PaymentFlow signed, with its idempotency key and one
 * pending delivery per destination, all written by one statement (so, all or nothing, in one round trip).
 * <p>
 * The key is inserted with {@code ON CONFLICT DO NOTHING} on its primary key: a concurrent copy of the same event
 * waits for the first one's statement to commit and then stores nothing. If the statement fails, nothing is kept,
 * and PaymentFlow's retry is processed as new.
 */
@Repository
public class InboxRepository {

    /** The processor name of its idempotency keys (a column of the key, as Camel's JDBC repository has it). */
    public static final String PROCESSOR = "paymentflow-events";

    private static final String ACCEPT = """
            WITH new_key AS (
                INSERT INTO idempotency_keys (processor_name, message_id) VALUES (?, ?)
                ON CONFLICT DO NOTHING
                RETURNING message_id),
            stored AS (
                INSERT INTO inbound_events (event_id, event_type, payload, signature)
                SELECT message_id, ?, ?, ? FROM new_key
                RETURNING event_id),
            scheduled AS (
                INSERT INTO deliveries (event_id, destination)
                SELECT stored.event_id, destination FROM stored, unnest(CAST(? AS text[])) AS destination)
            SELECT count(*) FROM new_key""";

    /** The same for many events (one array per column, destinations comma-separated), in the arrays' order. */
    private static final String ACCEPT_ALL = """
            WITH arrival AS (
                SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bytea[]), CAST(? AS text[]),
                                     CAST(? AS text[])) AS a(event_id, event_type, payload, signature, destinations)),
            new_key AS (
                INSERT INTO idempotency_keys (processor_name, message_id) SELECT ?, event_id FROM arrival
                ON CONFLICT DO NOTHING
                RETURNING message_id),
            stored AS (
                INSERT INTO inbound_events (event_id, event_type, payload, signature)
                SELECT arrival.event_id, event_type, payload, signature
                FROM arrival JOIN new_key ON new_key.message_id = arrival.event_id
                RETURNING event_id),
            scheduled AS (
                INSERT INTO deliveries (event_id, destination)
                SELECT stored.event_id, destination
                FROM stored JOIN arrival ON arrival.event_id = stored.event_id,
                     unnest(string_to_array(arrival.destinations, ',')) AS destination)
            SELECT message_id FROM new_key""";

    private final JdbcTemplate jdbc;

    public InboxRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a new event with a pending delivery to each destination (a comma-separated list; none when null).
     *
     * @return false when the event id was processed before, and nothing was stored
     */
    public boolean accept(PaymentEvent event, String signature, String destinations) {
        String[] names = Destination.namesIn(destinations).toArray(String[]::new);
        Integer stored = jdbc.query(connection -> {
            var statement = connection.prepareStatement(ACCEPT);
            statement.setString(1, PROCESSOR);
            statement.setString(2, event.id());
            statement.setString(3, event.type());
            statement.setBytes(4, event.payload());
            statement.setString(5, signature);
            statement.setArray(6, connection.createArrayOf("text", names));
            return statement;
        }, result -> result.next() ? result.getInt(1) : 0);
        return stored != null && stored == 1;
    }

    /**
     * Stores many events as {@link #accept} does each, in one statement: all of them or, if it fails, none.
     * Their ids must differ; rows are written in the list's order (sort it, so that two concurrent statements lock
     * their keys in the same order and cannot deadlock).
     *
     * @return the ids of the events stored; the others were processed before
     */
    public Set<String> acceptAll(List<Arrival> arrivals) {
        int size = arrivals.size();
        String[] ids = new String[size];
        String[] types = new String[size];
        byte[][] payloads = new byte[size][];
        String[] signatures = new String[size];
        String[] destinations = new String[size];
        for (int i = 0; i < size; i++) {
            Arrival arrival = arrivals.get(i);
            ids[i] = arrival.event().id();
            types[i] = arrival.event().type();
            payloads[i] = arrival.event().payload();
            signatures[i] = arrival.signature();
            destinations[i] = String.join(",", Destination.namesIn(arrival.destinations()));
        }
        Set<String> stored = new HashSet<>();
        RowCallbackHandler storedIds = result -> stored.add(result.getString(1));
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(ACCEPT_ALL);
            statement.setArray(1, connection.createArrayOf("text", ids));
            statement.setArray(2, connection.createArrayOf("text", types));
            statement.setArray(3, connection.createArrayOf("bytea", payloads));
            statement.setArray(4, connection.createArrayOf("text", signatures));
            statement.setArray(5, connection.createArrayOf("text", destinations));
            statement.setString(6, PROCESSOR);
            return statement;
        }, storedIds);
        return stored;
    }

    /** An event to store, its signature header and its destinations (comma-separated; none when null). */
    public record Arrival(PaymentEvent event, String signature, String destinations) {
    }
}
