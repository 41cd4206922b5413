package com.example.paymentflow.ledger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import com.example.paymentflow.event.PaymentEvent;
import org.springframework.stereotype.Component;

/** The bound parameters of the ledger booking of an event (see the deliver-to-ledger route). */
@Component
public class LedgerEntryMapper {

    public Map<String, Object> toEntry(PaymentEvent event) {
        Instant occurredAt = event.created().orElseGet(Instant::now);
        return Map.of(
                "event_id", event.id(),
                "event_type", event.type(),
                "object_id", event.objectId(),
                "amount_minor", event.amountMinor(),
                "currency", event.currency(),
                "occurred_at", OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC));
    }
}
