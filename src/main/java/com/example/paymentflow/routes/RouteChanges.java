package com.example.paymentflow.routes;

import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.springframework.stereotype.Component;

/**
 * A live reload replaces routes one at a time (each removed, then added again), and Camel announces each step.
 * Code that follows the routes, such as the delivery engine giving each destination route its poller, must not act
 * on the moment in between, when a route it knows is briefly gone: it looks at the routes through
 * {@link #whenSettled(Runnable)}, which waits for a reload under way to be complete.
 */
@Component
public class RouteChanges {

    /** Work that changes routes, possibly several, as one step. */
    @FunctionalInterface
    public interface Change {
        void run() throws Exception;
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    /** Runs a change of routes; {@link #whenSettled} waits until it is complete. */
    public void apply(Change change) throws Exception {
        lock.writeLock().lock();
        try {
            change.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Runs code that looks at the routes (and may change them) once no {@link #apply} change is half done. */
    public void whenSettled(Runnable look) {
        lock.readLock().lock();
        try {
            look.run();
        } finally {
            lock.readLock().unlock();
        }
    }
}
