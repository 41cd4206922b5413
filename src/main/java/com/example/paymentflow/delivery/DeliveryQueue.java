package com.example.paymentflow.delivery;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The deliveries table as a work queue shared by every instance on the database, claimed by lease.
 * <p>
 * {@link #claim} takes a batch of due deliveries in one statement ({@code FOR UPDATE SKIP LOCKED}, so that no two
 * instances take the same delivery): it counts their attempt, pushes {@code next_attempt_at} to the end of the lease
 * and gives each a new {@code lease_id}, and commits before any destination is called. No transaction stays open
 * while a destination works. Within a destination's {@link SharedLimits}, which hold for every instance on the
 * database together: no more than its attempts in flight leave room for (the deliveries under a live lease, counted
 * while holding the destination's claim lock, so that two instances never count at once), and no more than its
 * current rate window has left ({@code destination_rate_windows}, counted in the same statement: instances that
 * claim at once wait for each other on that row). {@link #record} writes the outcomes of a batch, and the attempt
 * log, in one statement, each only if its lease is still the attempt's own.
 */
@Repository
public class DeliveryQueue {

    /** The first key of the claim locks (pg_advisory_xact_lock(int, int)); the second is the destination's hash. */
    private static final int CLAIM_LOCK_CLASS = 0x70666466;

    // in the order of the index deliveries_due_in_claim_order (V9), so that a claim reads only what it takes
    private static final String DUE = """
            WITH due AS (
                SELECT id, next_attempt_at FROM deliveries
                WHERE destination = ? AND status IN ('pending', 'failed') AND next_attempt_at <= now()
                  AND NOT EXISTS (SELECT 1 FROM paused_destinations p WHERE p.destination = ?)
                ORDER BY next_attempt_at, id
                LIMIT ?
                FOR UPDATE SKIP LOCKED)""";

    /** Deliveries of the destination under a lease not yet ended: its attempts in flight, on every instance. */
    private static final String IN_FLIGHT = """
            SELECT count(*) FROM deliveries
            WHERE destination = ? AND lease_id IS NOT NULL AND next_attempt_at > now()""";

    /** Of the due ones, as many as the rate window has left, counted in it. */
    private static final String WITHIN_RATE = """
            ,
            wanted AS (
                SELECT CAST(? AS text) AS destination, CAST(? AS bigint) AS window_ms, CAST(? AS integer) AS allowed,
                       least(CAST(? AS integer), (SELECT count(*) FROM due)) AS attempts),
            spent AS (
                INSERT INTO destination_rate_windows AS w (destination, window_started, attempts, granted)
                SELECT destination,
                       to_timestamp(floor(extract(epoch FROM now()) * 1000 / window_ms) * window_ms / 1000),
                       attempts, attempts
                FROM wanted WHERE attempts > 0
                ON CONFLICT (destination) DO UPDATE
                SET granted = CASE WHEN w.window_started >= EXCLUDED.window_started
                                   THEN greatest(0, least((SELECT allowed FROM wanted) - w.attempts, EXCLUDED.granted))
                                   ELSE EXCLUDED.granted END,
                    attempts = CASE WHEN w.window_started >= EXCLUDED.window_started
                                    THEN w.attempts + greatest(0, least((SELECT allowed FROM wanted) - w.attempts,
                                                                        EXCLUDED.granted))
                                    ELSE EXCLUDED.attempts END,
                    window_started = greatest(w.window_started, EXCLUDED.window_started)
                RETURNING granted),
            chosen AS (
                SELECT id FROM due ORDER BY next_attempt_at, id LIMIT coalesce((SELECT granted FROM spent), 0))""";

    private static final String LEASE = """

            UPDATE deliveries d
            SET attempts = d.attempts + 1, lease_id = gen_random_uuid(), updated_at = now(),
                next_attempt_at = now() + CAST(? AS bigint) * interval '1 millisecond'
            FROM %s, inbound_events e
            WHERE d.id = %<s.id AND e.event_id = d.event_id
            RETURNING d.id, d.lease_id, d.event_id, d.attempts, e.received_at, e.payload""";

    // delivered and dead keep next_attempt_at (the end of the lease); only a failure sets the next attempt
    private static final String RECORD = """
            WITH outcome AS (
                SELECT * FROM unnest(CAST(? AS bigint[]), CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS bigint[]),
                                     CAST(? AS text[])) AS o(id, lease_id, status, retry_delay_ms, error)),
            recorded AS (
                UPDATE deliveries d
                SET status = o.status, last_error = o.error, lease_id = NULL, updated_at = now(),
                    delivered_at = CASE WHEN o.status = 'delivered' THEN now() ELSE d.delivered_at END,
                    next_attempt_at = CASE WHEN o.status = 'failed'
                                           THEN now() + o.retry_delay_ms * interval '1 millisecond'
                                           ELSE d.next_attempt_at END
                FROM outcome o
                WHERE d.id = o.id AND d.lease_id = o.lease_id
                RETURNING d.id, d.attempts, o.status, o.error)
            INSERT INTO delivery_attempts (delivery_id, attempt, outcome, error)
            SELECT id, attempts, status, error FROM recorded
            RETURNING delivery_id""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public DeliveryQueue(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        // the claim lock is held for a count and one short claim: waiting longer means the database is in trouble
        this.transactions.setTimeout(10);
    }

    /**
     * Claims up to {@code limit} due deliveries to the destination (none while it is paused), oldest due first,
     * within its shared limits.
     */
    public List<Delivery> claim(String destination, int limit, Duration lease, SharedLimits shared) {
        if (shared.maxInFlight() == null) {
            ClaimStatement claim = claimStatement(destination, limit, lease, shared.rate());
            return jdbc.query(claim.sql(), claimed(destination), claim.arguments());
        }
        return transactions.execute(status -> {
            jdbc.query("SELECT pg_advisory_xact_lock(?, hashtext(?))", row -> { }, CLAIM_LOCK_CLASS, destination);
            // counted in a statement of its own, after the lock, so that it sees the claims committed before it; and
            // the claim's LIMIT stays a number: a LIMIT computed in the statement leaves PostgreSQL to guess how many
            // rows it takes, and it guessed a tenth of the backlog and planned sequential scans of both tables
            int room = Math.min(limit, shared.maxInFlight() - jdbc.queryForObject(IN_FLIGHT, Integer.class,
                    destination));
            if (room <= 0) {
                return List.of();
            }
            ClaimStatement claim = claimStatement(destination, room, lease, shared.rate());
            return jdbc.query(claim.sql(), claimed(destination), claim.arguments());
        });
    }

    /** The statement of a claim and its arguments. */
    record ClaimStatement(String sql, Object[] arguments) {
    }

    ClaimStatement claimStatement(String destination, int limit, Duration lease, RateWindow rate) {
        List<Object> arguments = new ArrayList<>(List.of(destination, destination, limit));
        StringBuilder sql = new StringBuilder(DUE);
        String claimed = "due";
        if (rate != null) {
            sql.append(WITHIN_RATE);
            claimed = "chosen";
            arguments.addAll(List.of(destination, rate.length().toMillis(), rate.attempts(), rate.attempts()));
        }
        sql.append(LEASE.formatted(claimed));
        arguments.add(lease.toMillis());
        return new ClaimStatement(sql.toString(), arguments.toArray());
    }

    private static RowMapper<Delivery> claimed(String destination) {
        return (row, n) -> new Delivery(row.getLong("id"), row.getObject("lease_id", UUID.class),
                row.getString("event_id"), destination, row.getInt("attempts"),
                row.getObject("received_at", OffsetDateTime.class).toInstant(), row.getBytes("payload"));
    }

    /**
     * What a claim keeps within for every instance on the database together.
     *
     * @param maxInFlight attempts under a live lease at once; none: only each instance's own limit
     * @param rate        attempts per window; none: no limit
     */
    public record SharedLimits(Integer maxInFlight, RateWindow rate) {
    }

    /**
     * Records the outcomes of attempts, in the caller's transaction if there is one.
     *
     * @return the ids of the deliveries recorded; an attempt whose lease ran out and was claimed anew is not
     */
    public Set<Long> record(List<AttemptOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Set.of();
        }
        Set<Long> recorded = new HashSet<>();
        jdbc.query(connection -> recordStatement(connection, outcomes),
                row -> {
                    recorded.add(row.getLong("delivery_id"));
                });
        return recorded;
    }

    private static PreparedStatement recordStatement(Connection connection, List<AttemptOutcome> outcomes)
            throws SQLException {
        int size = outcomes.size();
        Long[] ids = new Long[size];
        UUID[] leases = new UUID[size];
        String[] statuses = new String[size];
        Long[] delays = new Long[size];
        String[] errors = new String[size];
        for (int i = 0; i < size; i++) {
            AttemptOutcome outcome = outcomes.get(i);
            ids[i] = outcome.delivery().id();
            leases[i] = outcome.delivery().leaseId();
            statuses[i] = outcome.status().column();
            delays[i] = outcome.retryDelayMillis();
            errors[i] = outcome.error();
        }
        PreparedStatement statement = connection.prepareStatement(RECORD);
        statement.setArray(1, array(connection, "bigint", ids));
        statement.setArray(2, array(connection, "uuid", leases));
        statement.setArray(3, array(connection, "text", statuses));
        statement.setArray(4, array(connection, "bigint", delays));
        statement.setArray(5, array(connection, "text", errors));
        return statement;
    }

    private static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }
}
