package com.example.paymentflow.delivery;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The deliveries table as a work queue shared by every instance on the database.
 * <p>
 * A delivery is claimed with {@code FOR UPDATE SKIP LOCKED} inside the transaction of its attempt, and its outcome
 * is written in that same transaction. A claimed row is therefore never attempted twice at once, and when a
 * process dies mid-attempt PostgreSQL drops its locks and the delivery is due again at once.
 */
@Repository
public class DeliveryQueue {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);

    private final JdbcTemplate jdbc;
    private final RetrySchedule retries;
    private final FailureClassifier classifier;
    private final int batchSize;

    public DeliveryQueue(JdbcTemplate jdbc, RetrySchedule retries, FailureClassifier classifier,
                         DeliveryProperties properties) {
        this.jdbc = jdbc;
        this.retries = retries;
        this.classifier = classifier;
        this.batchSize = properties.batchSize();
    }

    /**
     * Adds a pending delivery of the event to each destination of a comma-separated list (none when null), in
     * the caller's (ingest) transaction.
     */
    public void scheduleAll(String eventId, String destinations) {
        if (destinations == null) {
            return;
        }
        for (String destination : destinations.split(",")) {
            if (!destination.isBlank()) {
                jdbc.update("INSERT INTO deliveries (event_id, destination) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        eventId, destination.trim());
            }
        }
    }

    /**
     * Ids of deliveries to this destination that are due, oldest first. SKIP LOCKED leaves out those being
     * attempted at this moment (their rows are locked by the attempt); the locks taken here end with the query,
     * and {@link #claim} checks each again.
     */
    public List<Long> dueIds(String destination) {
        return jdbc.queryForList("""
                SELECT id FROM deliveries
                WHERE destination = ? AND status IN ('pending', 'failed') AND next_attempt_at <= now()
                ORDER BY next_attempt_at, id
                LIMIT ?
                FOR UPDATE SKIP LOCKED""", Long.class, destination, batchSize);
    }

    /**
     * Locks a due delivery for an attempt in the caller's transaction.
     *
     * @return the delivery, or null when another worker has it or it is no longer due
     */
    public Delivery claim(long id) {
        List<Delivery> claimed = jdbc.query("""
                SELECT d.id, d.event_id, d.destination, d.attempts, e.payload
                FROM deliveries d JOIN inbound_events e ON e.event_id = d.event_id
                WHERE d.id = ? AND d.status IN ('pending', 'failed') AND d.next_attempt_at <= now()
                FOR UPDATE OF d SKIP LOCKED""",
                (row, n) -> new Delivery(row.getLong("id"), row.getString("event_id"), row.getString("destination"),
                        row.getInt("attempts"), row.getBytes("payload")),
                id);
        return claimed.isEmpty() ? null : claimed.get(0);
    }

    public void markDelivered(Delivery delivery) {
        int attempt = delivery.attempts() + 1;
        jdbc.update("""
                UPDATE deliveries SET status = 'delivered', attempts = ?, last_error = NULL,
                       delivered_at = now(), updated_at = now()
                WHERE id = ?""", attempt, delivery.id());
        logAttempt(delivery, attempt, "delivered", null);
        // DEBUG: at hundreds per second these lines would cost more than they tell; failures are logged
        LOG.debug("Delivered event {} to {} (attempt {})", delivery.eventId(), delivery.destination(), attempt);
    }

    /** Records a failed attempt: retried later with backoff, or dead when permanent or out of attempts. */
    public void recordFailure(Delivery delivery, Throwable failure) {
        FailureVerdict verdict = classifier.classify(failure);
        int attempt = delivery.attempts() + 1;
        if (!verdict.retryable() || retries.isExhausted(attempt)) {
            jdbc.update("""
                    UPDATE deliveries SET status = 'dead', attempts = ?, last_error = ?, updated_at = now()
                    WHERE id = ?""", attempt, verdict.summary(), delivery.id());
            logAttempt(delivery, attempt, "dead", verdict.summary());
            LOG.error("Delivery of event {} to {} is dead after attempt {}: {}", delivery.eventId(),
                    delivery.destination(), attempt, verdict.summary());
        } else {
            long delayMillis = retries.delayAfter(attempt).toMillis();
            jdbc.update("""
                    UPDATE deliveries SET status = 'failed', attempts = ?, last_error = ?, updated_at = now(),
                           next_attempt_at = now() + ? * interval '1 millisecond'
                    WHERE id = ?""", attempt, verdict.summary(), delayMillis, delivery.id());
            logAttempt(delivery, attempt, "failed", verdict.summary());
            LOG.warn("Delivery of event {} to {} failed (attempt {}), next attempt in {} ms: {}", delivery.eventId(),
                    delivery.destination(), attempt, delayMillis, verdict.summary());
        }
    }

    private void logAttempt(Delivery delivery, int attempt, String outcome, String error) {
        jdbc.update("INSERT INTO delivery_attempts (delivery_id, attempt, outcome, error) VALUES (?, ?, ?, ?)",
                delivery.id(), attempt, outcome, error);
    }
}
