package com.example.paymentflow.ingest;

import com.example.paymentflow.delivery.Destination;
import com.example.paymentflow.event.PaymentEvent;
import org.springframework.jdbc.core.JdbcTemplate;
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
}
