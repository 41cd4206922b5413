package com.example.paymentflow.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One poll of a destination: claims a batch of due deliveries by lease and attempts them with no transaction open,
 * on the destination's threads, and records their outcomes in one statement. An attempt that takes longer than
 * {@link #STRAGGLER_WAIT} is left to record its own outcome when it ends: it holds its own place in the destination's
 * window ({@link AttemptWindow}), and the poller claims again for the others. A destination whose route books
 * inside the outcome's transaction (the ledger) is given the whole batch in one call, in one transaction with its
 * outcomes; when that fails, each delivery is booked alone in a transaction of its own, and a failure is recorded
 * in a new transaction after the rollback, never in the one PostgreSQL has aborted.
 */
@Component
public class DeliveryRunner {

    /**
     * How long a poll waits for the slowest attempts of its batch: long enough that a destination answering at its
     * usual pace has its batch recorded in one statement, short enough that one slow call does not hold up the next.
     */
    private static final Duration STRAGGLER_WAIT = Duration.ofSeconds(1);

    private final DeliveryQueue queue;
    private final DeliveryDestinations destinations;
    private final DestinationRouteCaller caller;
    private final FailureClassifier classifier;
    private final RetrySchedule retries;
    private final AttemptReporter reporter;
    private final DeliveryWakeUps wakeUps;
    private final ReceivingFirst receivingFirst;
    private final TransactionTemplate transactions;
    private final DeliveryProperties properties;

    public DeliveryRunner(DeliveryQueue queue, DeliveryDestinations destinations, DestinationRouteCaller caller,
                          FailureClassifier classifier, RetrySchedule retries, AttemptReporter reporter,
                          DeliveryWakeUps wakeUps, ReceivingFirst receivingFirst,
                          PlatformTransactionManager transactionManager, DeliveryProperties properties) {
        this.queue = queue;
        this.destinations = destinations;
        this.caller = caller;
        this.classifier = classifier;
        this.retries = retries;
        this.reporter = reporter;
        this.wakeUps = wakeUps;
        this.receivingFirst = receivingFirst;
        this.transactions = new TransactionTemplate(transactionManager);
        // a booking that hangs on a lock must not outlive the lease of its batch
        this.transactions.setTimeout((int) Math.max(1, properties.lease().toSeconds() / 2));
        this.properties = properties;
    }

    /**
     * Claims one batch of due deliveries to the destination and attempts them (a destination booked in the
     * outcome's transaction: books them).
     *
     * While webhooks arrive, the poll then waits for its share of the time to pass ({@link ReceivingFirst}).
     *
     * @return how many were claimed; 0 when none was due, the destination is paused, over its rate or has no room
     *         for more attempts, or the database could not be reached (the poller then waits for new work, a
     *         finished attempt or its interval)
     */
    public int attemptDue(String destinationName) {
        ReceivingFirst.Poll poll = receivingFirst.pollStarts();
        int claimed = claimAndAttempt(destinationName);
        if (claimed > 0) {
            receivingFirst.yieldAfter(destinationName, poll);
        }
        return claimed;
    }

    private int claimAndAttempt(String destinationName) {
        Destination destination = destinations.get(destinationName).orElse(null);
        if (destination == null) {
            return 0;
        }
        int limit = destination.claimLimit(properties.batchSize());
        if (limit == 0) {
            return 0;
        }
        List<Delivery> claimed;
        try {
            claimed = queue.claim(destinationName, limit, properties.lease(), destination.sharedLimits());
        } catch (DataAccessException | TransactionException unreachable) {
            // the circuit's probe (if this was one) is given back: nothing was attempted
            destination.claimed(0);
            reporter.databaseProblem(destinationName, "could not claim due deliveries", unreachable);
            return 0;
        }
        destination.claimed(claimed.size());
        List<Delivery> due = new ArrayList<>();
        List<AttemptOutcome> abandoned = new ArrayList<>();
        for (Delivery delivery : claimed) {
            if (retries.isExhausted(delivery.attempt() - 1)) {
                // its last attempts were claimed but never reported: the process died during them, each time
                abandoned.add(new AttemptOutcome(delivery, AttemptOutcome.Status.DEAD, 0,
                        "no outcome was recorded for the last attempts (the process may have died during them)"));
            } else {
                due.add(delivery);
            }
        }
        record(destination, abandoned);
        if (destination.bookedInOutcomeTransaction()) {
            bookInOneTransaction(destination, due);
        } else {
            attemptBatch(destination, due);
        }
        return claimed.size();
    }

    /**
     * Attempts the batch on the destination's threads and records the outcomes of those finished within
     * {@link #STRAGGLER_WAIT} in one statement; each attempt still running then records its own when it ends (with
     * any others finished meanwhile) and frees its place, so that the poller claims again without waiting for it.
     */
    private void attemptBatch(Destination destination, List<Delivery> due) {
        AttemptWindow window = destination.window();
        window.started(due.size());
        List<CompletableFuture<AttemptOutcome>> attempts = due.stream()
                .map(delivery -> attemptOn(destination, delivery))
                .toList();
        try {
            CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new))
                    .get(STRAGGLER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException notAllEnded) {
            // those still running record their own outcomes (an attempt ends in an outcome, never in an exception)
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
        List<AttemptOutcome> finished = new ArrayList<>();
        for (CompletableFuture<AttemptOutcome> attempt : attempts) {
            if (attempt.isDone()) {
                finished.add(attempt.join());
            } else {
                attempt.thenAccept(outcome -> {
                    window.finished(outcome, outcomes -> record(destination, outcomes));
                    // after its place is free: the poller may claim again
                    wakeUps.wake(destination.name());
                });
            }
        }
        try {
            record(destination, finished);
        } finally {
            window.freed(finished.size());
        }
    }

    /** On the destination's threads; on this one if they are shut down (a reload replaced the destination). */
    private CompletableFuture<AttemptOutcome> attemptOn(Destination destination, Delivery delivery) {
        try {
            return CompletableFuture.supplyAsync(() -> attempt(destination, delivery), destination.attempts());
        } catch (RejectedExecutionException shutDown) {
            return CompletableFuture.completedFuture(attempt(destination, delivery));
        }
    }

    private void bookInOneTransaction(Destination destination, List<Delivery> claimed) {
        if (claimed.size() > 1) {
            try {
                reportBooked(destination, transactions.execute(status -> book(destination, claimed)));
                return;
            } catch (RuntimeException oneOfThemFailed) {
                // rolled back: find which, one delivery per transaction
            }
        }
        for (Delivery delivery : claimed) {
            bookAlone(destination, delivery);
        }
    }

    private void bookAlone(Destination destination, Delivery delivery) {
        try {
            reportBooked(destination, transactions.execute(status -> book(destination, List.of(delivery))));
        } catch (AttemptFailedException failed) {
            record(destination, List.of(failure(delivery, failed.getCause())));
        } catch (RuntimeException notBooked) {
            record(destination, List.of(failure(delivery, notBooked)));
        }
    }

    /** The route books all of them in one call, and their outcomes are recorded in the same transaction. */
    private List<AttemptOutcome> book(Destination destination, List<Delivery> deliveries) {
        Throwable failure = caller.callWithAll(destination, deliveries);
        if (failure != null) {
            throw new AttemptFailedException(failure);
        }
        List<AttemptOutcome> outcomes = deliveries.stream().map(AttemptOutcome::delivered).toList();
        recordOrFail(outcomes);
        return outcomes;
    }

    private void reportBooked(Destination destination, List<AttemptOutcome> booked) {
        booked.forEach(outcome -> {
            destination.attempted(outcome);
            reporter.report(outcome);
        });
    }

    /** Always an outcome: an attempt that ended in none would hold its place in the window for ever. */
    private AttemptOutcome attempt(Destination destination, Delivery delivery) {
        try {
            Throwable failure = caller.call(destination, delivery);
            return failure == null ? AttemptOutcome.delivered(delivery) : failure(delivery, failure);
        } catch (RuntimeException unexpected) {
            return failure(delivery, unexpected);
        }
    }

    private AttemptOutcome failure(Delivery delivery, Throwable failure) {
        FailureVerdict verdict = classifier.classify(failure);
        if (!verdict.retryable() || retries.isExhausted(delivery.attempt())) {
            return new AttemptOutcome(delivery, AttemptOutcome.Status.DEAD, 0, verdict.summary());
        }
        return new AttemptOutcome(delivery, AttemptOutcome.Status.FAILED,
                retries.delayAfter(delivery.attempt(), verdict.waitAtLeast()).toMillis(), verdict.summary());
    }

    /**
     * Records outcomes in their own statement; if the database cannot take them, the leases run out instead. The
     * circuit breaker hears of the attempts either way (a probe's permit must come back even then).
     */
    private void record(Destination destination, List<AttemptOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        outcomes.forEach(destination::attempted);
        Set<Long> recorded;
        try {
            recorded = queue.record(outcomes);
        } catch (DataAccessException unreachable) {
            reporter.databaseProblem(destination.name(), "could not record outcomes (their deliveries are due again "
                    + "when their leases end)", unreachable);
            return;
        }
        report(outcomes, recorded);
    }

    /** Records inside the caller's transaction; a lost lease there rolls the booking back with it. */
    private void recordOrFail(List<AttemptOutcome> outcomes) {
        Set<Long> recorded = queue.record(outcomes);
        if (recorded.size() != outcomes.size()) {
            throw new IllegalStateException("a lease ran out before the booking was recorded");
        }
    }

    private void report(List<AttemptOutcome> outcomes, Set<Long> recorded) {
        for (AttemptOutcome outcome : outcomes) {
            if (recorded.contains(outcome.delivery().id())) {
                reporter.report(outcome);
            } else {
                reporter.leaseLost(outcome.delivery());
            }
        }
    }

    /** What a destination route threw, carried out of a transaction callback so that the transaction rolls back. */
    private static final class AttemptFailedException extends RuntimeException {

        AttemptFailedException(Throwable failure) {
            super(failure.getMessage(), failure, false, false);
        }
    }
}
