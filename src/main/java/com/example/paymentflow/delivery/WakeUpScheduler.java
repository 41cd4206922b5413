package com.example.paymentflow.delivery;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.spi.ScheduledPollConsumerScheduler;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * The scheduler of a delivery poller ({@code scheduler=#wakeUpScheduler} on its {@code scheduler:} endpoint; a
 * prototype bean, so that each poller gets its own): runs a poll as soon as {@link DeliveryWakeUps} says there is new work for its destination, and otherwise
 * every {@code paymentflow.delivery.poll-interval}. A greedy poller keeps polling while its polls find work.
 */
@Component("wakeUpScheduler")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class WakeUpScheduler extends ServiceSupport implements ScheduledPollConsumerScheduler {

    private final Semaphore wakeUps = new Semaphore(0);
    private final DeliveryWakeUps registry;
    private CamelContext camel;
    private String destination;
    private Runnable poll;
    // the thread that polls; a thread that finds it is no longer this one ends (after a stop, or a stop and a start)
    private volatile Thread thread;

    public WakeUpScheduler(DeliveryWakeUps registry) {
        this.registry = registry;
    }

    /** The destination whose poller this schedules (set from the endpoint's {@code scheduler.destination}). */
    public void setDestination(String destination) {
        this.destination = destination;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camel = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camel;
    }

    @Override
    public void onInit(Consumer consumer) {
        // the poll task comes with scheduleTask
    }

    @Override
    public void scheduleTask(Runnable task) {
        this.poll = task;
    }

    @Override
    public synchronized void startScheduler() {
        if (thread != null) {
            return;
        }
        long interval = registry.pollIntervalMillis();
        Thread poller = new Thread(() -> {
            while (thread == Thread.currentThread()) {
                try {
                    wakeUps.tryAcquire(interval, TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (thread == Thread.currentThread()) {
                    poll.run();
                }
            }
        }, destination + "-delivery-poller");
        poller.setDaemon(true);
        thread = poller;
        registry.register(destination, this);
        poller.start();
    }

    @Override
    public boolean isSchedulerStarted() {
        return thread != null;
    }

    @Override
    public synchronized void unscheduleTask() {
        if (thread != null) {
            registry.unregister(destination, this);
            thread = null;
        }
        wakeUps.release();
    }

    void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    @Override
    protected void doStop() {
        unscheduleTask();
    }
}
