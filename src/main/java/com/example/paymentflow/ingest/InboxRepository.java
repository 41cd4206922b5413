package com.example.paymentflow.ingest;

import com.example.paymentflow.event.PaymentEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The durable inbox: every accepted event, as the exact bytes PaymentFlow signed. */
@Repository
public class InboxRepository {

    private final JdbcTemplate jdbc;

    public InboxRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the event in the caller's transaction, beside its idempotency key. */
    public void store(PaymentEvent event, String signature) {
        jdbc.update("INSERT INTO inbound_events (event_id, event_type, payload, signature) VALUES (?, ?, ?, ?)",
                event.id(), event.type(), event.payload(), signature);
    }
}
