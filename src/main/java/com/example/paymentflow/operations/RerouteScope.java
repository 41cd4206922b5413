package com.example.paymentflow.operations;

import java.time.Instant;
import java.util.StringJoiner;

/**
 * Which stored events a re-route takes, and to which destination: at least one filter is set (see
 * {@link OperationsParameters}). from (inclusive) and to (exclusive) apply to the event's received_at; after is the
 * last event of the page before (events are taken in the order they were received); destination, when set, is the
 * only destination deliveries are added for. A dry run adds nothing and answers what it would add.
 */
public record RerouteScope(String eventId, String eventType, Instant from, Instant to, String destination,
                           String after, int limit, boolean dryRun) {

    /** The filters set, for the log line of the request. */
    @Override
    public String toString() {
        StringJoiner set = new StringJoiner(", ");
        Object[] filters = {"eventId", eventId, "eventType", eventType, "from", from, "to", to,
                "destination", destination, "after", after};
        for (int i = 0; i < filters.length; i += 2) {
            if (filters[i + 1] != null) {
                set.add(filters[i] + "=" + filters[i + 1]);
            }
        }
        return set.add("limit=" + limit).toString();
    }
}
