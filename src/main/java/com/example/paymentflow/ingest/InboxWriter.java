package com.example.paymentflow.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

import com.example.paymentflow.event.PaymentEvent;
import com.example.paymentflow.ingest.InboxRepository.Arrival;
import com.example.paymentflow.signature.VerifySignatureProcessor;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Stores the webhooks that arrive together in one statement (a group commit). A request's thread hands its event
 * to one of {@code paymentflow.webhook.store-writers} writer threads and waits until the statement that stores it
 * has committed; the events that arrive while a statement runs go together in the next one. So under load the
 * database commits once for many answers, and an event that arrives alone is stored at once. Each answer still
 * waits for its own event to be durable.
 * <p>
 * If a statement of several events fails because the database is unavailable, every request of it gets that
 * failure (503, PaymentFlow retries). If it fails for another reason, one event may be to blame (a trigger or
 * constraint refusing it): each is then stored on its own, so that only that one is refused.
 * <p>
 * Metrics: {@code paymentflow.webhook.store.waiting} (events waiting for a writer) and
 * {@code paymentflow.webhook.store.batch} (events per statement).
 */
@Component
public class InboxWriter implements InitializingBean, DisposableBean {

    private static final Duration WRITERS_STOP_WAIT = Duration.ofSeconds(10);

    private final InboxRepository inbox;
    private final int writerCount;
    private final int maxBatch;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private final DistributionSummary batchSizes;
    private volatile boolean closed;

    public InboxWriter(InboxRepository inbox, WebhookProperties properties, MeterRegistry meters) {
        this.inbox = inbox;
        this.writerCount = properties.storeWriters();
        this.maxBatch = properties.storeBatchSize();
        Gauge.builder("paymentflow.webhook.store.waiting", waiting, BlockingQueue::size)
                .description("Webhooks waiting for a writer to store them").register(meters);
        this.batchSizes = DistributionSummary.builder("paymentflow.webhook.store.batch")
                .description("Webhooks stored per statement").register(meters);
    }

    @Override
    public void afterPropertiesSet() {
        for (int i = 1; i <= writerCount; i++) {
            Thread writer = new Thread(this::write, "inbox-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /**
     * Stores a new event with a pending delivery to each destination (comma-separated; none when null), once it
     * and the events stored with it have committed.
     *
     * @return false when the event id was processed before (or arrived with an earlier copy), and nothing was stored
     */
    public boolean accept(@Body PaymentEvent event,
                          @ExchangeProperty(VerifySignatureProcessor.SIGNATURE_PROPERTY) String signature,
                          @Header("destinations") String destinations) {
        Pending pending = new Pending(new Arrival(event, signature, destinations), new CompletableFuture<>());
        waiting.add(pending);
        if (closed) {
            failWaiting();
        }
        try {
            return pending.stored().join();
        } catch (CompletionException failure) {
            throw failure.getCause() instanceof RuntimeException cause ? cause : failure;
        }
    }

    private void write() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException stopping) {
                return;
            }
            waiting.drainTo(batch, maxBatch - 1);
            batchSizes.record(batch.size());
            try {
                store(batch);
            } catch (Error failure) {
                // answered 500 by the route, which logs it; the writer lives on, or every later webhook would wait
                batch.forEach(pending -> pending.stored().completeExceptionally(failure));
            }
            batch.clear();
        }
    }

    private void store(List<Pending> batch) {
        if (batch.size() == 1) {
            storeOnItsOwn(batch.get(0));
            return;
        }
        // one row per event id, in id order (two writers lock keys in the same order); a copy that arrived with
        // the first is answered as the duplicate it is
        Map<String, Pending> firstCopies = new TreeMap<>();
        List<Pending> laterCopies = new ArrayList<>();
        for (Pending pending : batch) {
            if (firstCopies.putIfAbsent(pending.arrival().event().id(), pending) != null) {
                laterCopies.add(pending);
            }
        }
        Set<String> stored;
        try {
            stored = inbox.acceptAll(firstCopies.values().stream().map(Pending::arrival).toList());
        } catch (RuntimeException failure) {
            if (isUnavailable(failure)) {
                batch.forEach(pending -> pending.stored().completeExceptionally(failure));
            } else {
                batch.forEach(this::storeOnItsOwn);
            }
            return;
        }
        firstCopies.forEach((id, pending) -> pending.stored().complete(stored.contains(id)));
        laterCopies.forEach(pending -> pending.stored().complete(false));
    }

    private void storeOnItsOwn(Pending pending) {
        Arrival arrival = pending.arrival();
        try {
            pending.stored().complete(inbox.accept(arrival.event(), arrival.signature(), arrival.destinations()));
        } catch (RuntimeException failure) {
            pending.stored().completeExceptionally(failure);
        }
    }

    /** The failures that the webhook route answers 503 (error-handling.camel.yaml): retrying one by one is futile. */
    private static boolean isUnavailable(RuntimeException failure) {
        return failure instanceof TransactionException || failure instanceof DataAccessResourceFailureException
                || failure instanceof RecoverableDataAccessException || failure instanceof TransientDataAccessException;
    }

    /** After the web server has answered its last request: nothing should wait any more, but nothing may hang. */
    @Override
    public void destroy() throws InterruptedException {
        closed = true;
        writers.forEach(Thread::interrupt);
        for (Thread writer : writers) {
            writer.join(WRITERS_STOP_WAIT.toMillis());
        }
        failWaiting();
    }

    private void failWaiting() {
        List<Pending> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(pending -> pending.stored().completeExceptionally(
                new TransientDataAccessResourceException("the service is stopping: the event was not stored")));
    }

    private record Pending(Arrival arrival, CompletableFuture<Boolean> stored) {
    }
}
