package com.example.paymentflow.routes;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps HTTP requests away from a route while it is swapped: a route that is stopped answers nothing (404), and
 * one that is not yet started neither. {@link #hold(RouteChanges.Change)} lets the requests in flight finish, holds new ones
 * while the swap runs, then lets them on to the new route. Both waits end after {@code maxHold}, so that a hung
 * request or swap never holds the service. Management requests (actuator) are never held: no route serves them.
 */
public final class SwapGate extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(SwapGate.class);

    private final Object lock = new Object();
    private final long maxHoldNanos;
    private final String managementPath;
    private boolean closed;
    private int inFlight;

    /** @param managementPath the actuator base path, e.g. /actuator */
    public SwapGate(Duration maxHold, String managementPath) {
        this.maxHoldNanos = maxHold.toNanos();
        this.managementPath = managementPath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals(managementPath) || path.startsWith(managementPath + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        enter();
        AtomicBoolean left = new AtomicBoolean();
        Runnable leave = () -> {
            if (left.compareAndSet(false, true)) {
                leave();
            }
        };
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                // the webhook body is read asynchronously (WebhookRequestGuard): in flight until its answer is written
                request.getAsyncContext().addListener(new LeaveOnEnd(leave));
            } else {
                leave.run();
            }
        }
    }

    public Duration maxHold() {
        return Duration.ofNanos(maxHoldNanos);
    }

    /** Runs the swap once the requests in flight have finished, with new requests held until it is done. */
    public void hold(RouteChanges.Change swap) throws Exception {
        synchronized (lock) {
            closed = true;
            long deadline = System.nanoTime() + maxHoldNanos;
            while (inFlight > 0 && awaitUntil(deadline)) {
                // woken by a request that finished
            }
            if (inFlight > 0) {
                LOG.warn("{} HTTP requests still in flight after {} s; swapping routes anyway", inFlight,
                        Duration.ofNanos(maxHoldNanos).toSeconds());
            }
        }
        try {
            swap.run();
        } finally {
            synchronized (lock) {
                closed = false;
                lock.notifyAll();
            }
        }
    }

    private void enter() {
        synchronized (lock) {
            long deadline = System.nanoTime() + maxHoldNanos;
            while (closed && awaitUntil(deadline)) {
                // woken when the swap is done
            }
            inFlight++;
        }
    }

    private void leave() {
        synchronized (lock) {
            inFlight--;
            lock.notifyAll();
        }
    }

    /** Waits on the lock (held by the caller) until notified or the deadline; false once the deadline passed. */
    private boolean awaitUntil(long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return false;
        }
        try {
            lock.wait(Math.max(1, remaining / 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record LeaveOnEnd(Runnable leave) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            leave.run();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            leave.run();
        }

        @Override
        public void onError(AsyncEvent event) {
            leave.run();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // the same request, still in flight
        }
    }
}
