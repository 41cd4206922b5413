package com.example.paymentflow.endpoint;

import java.time.Duration;

import com.example.paymentflow.background.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The webhook endpoint's off switch. The state lives in the database, so every instance obeys it and a restart
 * keeps it; each instance holds a copy, read afresh every {@code paymentflow.endpoint.refresh-interval}, so that
 * a webhook costs no query. A change takes effect at once on the instance that made it, and within the interval
 * on the others. Every change is logged with who and why, and kept in {@code endpoint_switch_changes}.
 * <p>
 * Nothing here disables the endpoint by itself: only an operator does (docs/security.md says why).
 */
@Component("endpointSwitch")
public class EndpointSwitch extends PeriodicTask {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointSwitch.class);

    private final EndpointSwitchRepository repository;
    private final EndpointProperties properties;
    private volatile EndpointState state;

    public EndpointSwitch(EndpointSwitchRepository repository, EndpointProperties properties) {
        super("endpoint-switch");
        this.repository = repository;
        this.properties = properties;
    }

    /** The route's first step. @throws EndpointDisabledException while the endpoint is disabled */
    public void checkEnabled() {
        if (!state.enabled()) {
            throw new EndpointDisabledException();
        }
    }

    public EndpointState state() {
        return state;
    }

    public synchronized EndpointState disable(String reason, String by) {
        EndpointState changed = repository.change(false, reason, by);
        state = changed;
        LOG.warn("Webhook endpoint disabled by {}: {}. Webhooks are answered 503 until it is enabled again", by,
                reason);
        return changed;
    }

    public synchronized EndpointState enable(String reason, String by) {
        EndpointState changed = repository.change(true, reason, by);
        state = changed;
        LOG.warn("Webhook endpoint enabled by {}{}", by, reason == null ? "" : ": " + reason);
        return changed;
    }

    /**
     * Reads the switch from the database; a change made on another instance is logged here too. Never at the same
     * time as a change made here, which it could otherwise overwrite with what it read just before.
     */
    synchronized void refresh() {
        EndpointState read = repository.current();
        EndpointState known = state;
        state = read;
        if (known != null && known.enabled() != read.enabled()) {
            LOG.warn("Webhook endpoint {} on another instance by {} at {}{}", read.enabled() ? "enabled" : "disabled",
                    read.by(), read.since(), read.reason() == null ? "" : ": " + read.reason());
        }
    }

    @Override
    protected Duration interval() {
        return properties.refreshInterval();
    }

    @Override
    protected void runPeriodically() {
        refresh();
    }

    /** The last known state holds meanwhile. */
    @Override
    protected String failureLine(RuntimeException failure) {
        return "Endpoint switch not read from the database, keeping the last known state ("
                + (state.enabled() ? "enabled" : "disabled") + "): " + failure.getMessage();
    }

    @Override
    protected String recoveryLine() {
        return "Endpoint switch read from the database again";
    }

    /** The state is known before the first webhook arrives. */
    @Override
    protected void onStart() {
        refresh();
        if (!state.enabled()) {
            LOG.warn("Webhook endpoint is disabled (by {} at {}: {}): webhooks are answered 503", state.by(),
                    state.since(), state.reason());
        }
    }

    /** Before the routes start (they ask the switch from their first request on), after them at shutdown. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
