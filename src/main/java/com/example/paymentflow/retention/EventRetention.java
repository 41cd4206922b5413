package com.example.paymentflow.retention;

import java.time.Clock;

import com.example.paymentflow.event.PaymentEvent;
import com.example.paymentflow.ingest.InboxRepository;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The retention of processed events. Delivered events are purged with their attempt log and idempotency key once
 * older than {@code paymentflow.retention}; events with a delivery still to do (pending, failed or dead) stay. So
 * an event older than the retention may have been forgotten, and is never processed again.
 */
@Component
public class EventRetention {

    // one statement: the foreign keys are checked at its end, when children and parents are gone together
    private static final String PURGE = """
            WITH expired AS (
                SELECT e.event_id FROM inbound_events e
                WHERE e.received_at < now() - CAST(? AS bigint) * interval '1 second'
                  AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.event_id AND d.status <> 'delivered')
                ORDER BY e.received_at
                LIMIT ?
                FOR UPDATE SKIP LOCKED),
            attempts AS (
                DELETE FROM delivery_attempts a USING deliveries d, expired x
                WHERE a.delivery_id = d.id AND d.event_id = x.event_id),
            deliveries AS (
                DELETE FROM deliveries d USING expired x WHERE d.event_id = x.event_id),
            keys AS (
                DELETE FROM idempotency_keys k USING expired x
                WHERE k.processor_name = ? AND k.message_id = x.event_id)
            DELETE FROM inbound_events e USING expired x WHERE e.event_id = x.event_id""";

    private final JdbcTemplate jdbc;
    private final RetentionProperties properties;
    private final Clock clock;

    @Autowired
    public EventRetention(JdbcTemplate jdbc, RetentionProperties properties) {
        this(jdbc, properties, Clock.systemUTC());
    }

    EventRetention(JdbcTemplate jdbc, RetentionProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether PaymentFlow says the event happened longer ago than the retention (false if it does not say). */
    public boolean isOlderThanRetention(PaymentEvent event) {
        long horizon = clock.instant().minus(properties.retention()).getEpochSecond();
        // compared as numbers: a created time too large for an Instant is not old, and is the ledger's to refuse
        JsonNode created = event.root().path("created");
        return created.canConvertToLong() && created.asLong() < horizon;
    }

    /** Deletes one batch of expired events with their keys, deliveries and attempts; returns how many events. */
    public int purgeBatch() {
        return jdbc.update(PURGE, properties.retention().toSeconds(), properties.purge().batchSize(),
                InboxRepository.PROCESSOR);
    }
}
