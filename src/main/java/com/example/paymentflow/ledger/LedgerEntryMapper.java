package com.example.paymentflow.ledger;

import java.util.List;
import java.util.Map;

import com.example.paymentflow.event.PaymentEvent;
import org.springframework.stereotype.Component;

/** The bound parameters of the ledger booking of a batch of events (see the deliver-to-ledger route). */
@Component
public class LedgerEntryMapper {

    /**
     * One array per column, one element per event, in the events' order. An event lacking the amount, currency,
     * object id or time fails the batch ({@code IncompleteEventException}); the engine then books the others without it.
     */
    public Map<String, Object> toEntries(List<PaymentEvent> events) {
        int count = events.size();
        String[] eventIds = new String[count];
        String[] eventTypes = new String[count];
        String[] objectIds = new String[count];
        Long[] amountsMinor = new Long[count];
        String[] currencies = new String[count];
        String[] occurredAt = new String[count];
        for (int i = 0; i < count; i++) {
            PaymentEvent event = events.get(i);
            eventIds[i] = event.id();
            eventTypes[i] = event.type();
            objectIds[i] = event.objectId();
            amountsMinor[i] = event.amountMinor();
            currencies[i] = event.currency();
            occurredAt[i] = event.occurredAt().toString();
        }
        return Map.of(
                "event_id", eventIds,
                "event_type", eventTypes,
                "object_id", objectIds,
                "amount_minor", amountsMinor,
                "currency", currencies,
                "occurred_at", occurredAt);
    }
}
