package com.example.paymentflow.operations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records whether each destination's delivery attempts succeed, in the table destination_health that all
 * instances share: a success anywhere clears {@code failing_since}, a failure sets it if it is not set. The
 * outcomes are those of the destination routes ({@code deliver-to-<destination>}), read from Camel's route
 * counters ({@value #SUCCEEDED}, {@value #FAILED}) since the previous {@link #record()}: a few statements per
 * check interval, never one per delivery.
 */
@Component
public class DestinationHealthRecorder {

    static final String SUCCEEDED = "camel.exchanges.succeeded";
    static final String FAILED = "camel.exchanges.failed";
    private static final String DESTINATION_ROUTE_PREFIX = "deliver-to-";

    private record Outcomes(double succeeded, double failed) {
    }

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final Map<String, Outcomes> recorded = new HashMap<>();
    private volatile Map<String, DestinationHealth> latest = Map.of();

    public DestinationHealthRecorder(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /** Writes the outcomes seen since the last call, then reads every destination's health back. */
    public synchronized void record() {
        for (Map.Entry<String, Outcomes> destination : outcomesSoFar().entrySet()) {
            Outcomes now = destination.getValue();
            Outcomes before = recorded.getOrDefault(destination.getKey(), new Outcomes(0, 0));
            if (now.succeeded() > before.succeeded()) {
                // also when some failed besides: the destination works, the failures are the deliveries' own
                jdbc.update("""
                        INSERT INTO destination_health (destination, last_success_at) VALUES (?, now())
                        ON CONFLICT (destination) DO UPDATE SET last_success_at = now(), failing_since = NULL""",
                        destination.getKey());
            } else if (now.failed() > before.failed()) {
                jdbc.update("""
                        INSERT INTO destination_health (destination, last_failure_at, failing_since)
                        VALUES (?, now(), now())
                        ON CONFLICT (destination) DO UPDATE SET last_failure_at = now(),
                            failing_since = coalesce(destination_health.failing_since, now())""",
                        destination.getKey());
            }
            // only once written: outcomes that could not be recorded are recorded with the next call
            recorded.put(destination.getKey(), now);
        }
        Map<String, DestinationHealth> read = new TreeMap<>();
        jdbc.query("SELECT destination, failing_since, last_success_at, last_failure_at, now() AS read_at "
                + "FROM destination_health", row -> {
                    read.put(row.getString("destination"), new DestinationHealth(row.getString("destination"),
                            instant(row, "failing_since"), instant(row, "last_success_at"),
                            instant(row, "last_failure_at"), instant(row, "read_at")));
                });
        latest = Collections.unmodifiableMap(read);
    }

    /** Every destination's health as last read; empty before the first {@link #record()}. */
    public Map<String, DestinationHealth> latest() {
        return latest;
    }

    private Map<String, Outcomes> outcomesSoFar() {
        Map<String, Outcomes> outcomes = new HashMap<>();
        for (Counter counter : meters.find(SUCCEEDED).counters()) {
            destinationOf(counter).ifPresent(destination -> outcomes.merge(destination,
                    new Outcomes(counter.count(), 0), DestinationHealthRecorder::sum));
        }
        for (Counter counter : meters.find(FAILED).counters()) {
            destinationOf(counter).ifPresent(destination -> outcomes.merge(destination,
                    new Outcomes(0, counter.count()), DestinationHealthRecorder::sum));
        }
        return outcomes;
    }

    private static java.util.Optional<String> destinationOf(Counter counter) {
        String routeId = counter.getId().getTag("routeId");
        return routeId != null && routeId.startsWith(DESTINATION_ROUTE_PREFIX)
                ? java.util.Optional.of(routeId.substring(DESTINATION_ROUTE_PREFIX.length()))
                : java.util.Optional.empty();
    }

    private static Outcomes sum(Outcomes a, Outcomes b) {
        return new Outcomes(a.succeeded() + b.succeeded(), a.failed() + b.failed());
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
