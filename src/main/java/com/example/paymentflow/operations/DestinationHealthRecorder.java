package com.example.paymentflow.operations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import com.example.paymentflow.delivery.AttemptOutcome;
import com.example.paymentflow.delivery.AttemptReporter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records whether each destination's delivery attempts succeed, in the table destination_health that all
 * instances share: a success anywhere clears {@code failing_since}, a failure sets it if it is not set. The
 * outcomes are this instance's attempts since the previous {@link #record()}, read from the counters
 * {@value AttemptReporter#ATTEMPTS} (outcome delivered: a success; failed or dead: a failure): a few statements per
 * check interval, never one per delivery.
 */
@Component
public class DestinationHealthRecorder {


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

    /** Writes the outcomes seen since the last call, then reads every destination's health back ({@link #read()}). */
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
        read();
    }

    /** Every destination's health as the table holds it now (also kept as {@link #latest()}). */
    public Map<String, DestinationHealth> read() {
        Map<String, DestinationHealth> read = new TreeMap<>();
        jdbc.query("SELECT destination, failing_since, last_success_at, last_failure_at, resumed_at, now() AS read_at "
                + "FROM destination_health", row -> {
                    read.put(row.getString("destination"), new DestinationHealth(row.getString("destination"),
                            instant(row, "failing_since"), instant(row, "last_success_at"),
                            instant(row, "last_failure_at"), instant(row, "resumed_at"), instant(row, "read_at")));
                });
        latest = Collections.unmodifiableMap(read);
        return latest;
    }

    /**
     * A destination resumed now: nothing was attempted while it was paused, so its failing time (if it was failing)
     * and the wait of its due deliveries count from now; the pause must not raise the failing or backlog alert at
     * once on resuming.
     */
    public void recordResumption(String destination) {
        jdbc.update("""
                INSERT INTO destination_health (destination, resumed_at) VALUES (?, now())
                ON CONFLICT (destination) DO UPDATE SET resumed_at = now(),
                    failing_since = CASE WHEN destination_health.failing_since IS NULL THEN NULL ELSE now() END""",
                destination);
    }

    /** Every destination's health as last read; empty before the first {@link #record()}. */
    public Map<String, DestinationHealth> latest() {
        return latest;
    }

    private Map<String, Outcomes> outcomesSoFar() {
        Map<String, Outcomes> outcomes = new HashMap<>();
        for (Counter counter : meters.find(AttemptReporter.ATTEMPTS).counters()) {
            String destination = counter.getId().getTag("destination");
            boolean delivered = AttemptOutcome.Status.DELIVERED.column().equals(counter.getId().getTag("outcome"));
            outcomes.merge(destination, delivered ? new Outcomes(counter.count(), 0) : new Outcomes(0, counter.count()),
                    DestinationHealthRecorder::sum);
        }
        return outcomes;
    }

    private static Outcomes sum(Outcomes a, Outcomes b) {
        return new Outcomes(a.succeeded() + b.succeeded(), a.failed() + b.failed());
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
