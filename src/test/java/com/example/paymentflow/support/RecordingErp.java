package com.example.paymentflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * An ERP that takes its time over each request (longer over some, and answers a status of the test's choosing) and
 * records how many it was handling at once and when each arrived: for tests of how hard and how fast the service may
 * call a destination.
 */
public final class RecordingErp implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final List<Long> arrivals = new ArrayList<>();
    private volatile String slowFor = null;
    private volatile Duration slowAnswerAfter = Duration.ZERO;

    public RecordingErp(Duration answerAfter) {
        this(answerAfter, 200);
    }

    /** An ERP that answers every request with this status. */
    public RecordingErp(Duration answerAfter, int status) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/erp", exchange -> {
            synchronized (arrivals) {
                arrivals.add(System.nanoTime());
            }
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String slow = slowFor;
                Thread.sleep((slow != null && body.contains(slow) ? slowAnswerAfter : answerAfter).toMillis());
                exchange.sendResponseHeaders(status, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
    }

    /** Requests whose body contains this text are answered only after this long. */
    public void answerSlowly(String text, Duration after) {
        slowAnswerAfter = after;
        slowFor = text;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/erp";
    }

    public int requests() {
        synchronized (arrivals) {
            return arrivals.size();
        }
    }

    /** The most requests it was handling at the same time. */
    public int mostAtOnce() {
        return mostAtOnce.get();
    }

    /** The most requests that arrived within any one window of this length. */
    public int mostArrivalsWithin(Duration window) {
        List<Long> sorted;
        synchronized (arrivals) {
            sorted = arrivals.stream().sorted().toList();
        }
        int most = 0;
        int first = 0;
        for (int last = 0; last < sorted.size(); last++) {
            while (sorted.get(last) - sorted.get(first) >= window.toNanos()) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    /** The time from the first request's arrival to the last one's. */
    public Duration firstToLast() {
        synchronized (arrivals) {
            return Duration.ofNanos(arrivals.stream().mapToLong(Long::longValue).max().orElse(0)
                    - arrivals.stream().mapToLong(Long::longValue).min().orElse(0));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
