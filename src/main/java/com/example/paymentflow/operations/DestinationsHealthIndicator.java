package com.example.paymentflow.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.example.paymentflow.delivery.DeliveryDestinations;
import com.example.paymentflow.delivery.DestinationPauses;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Each destination in /actuator/health (details for the operator): up, failing (since when, last success) or
 * without a route (its file removed from routes/ while deliveries to it wait), and its backlog. A failing destination,
 * or undelivered deliveries to one without a route, make this contributor {@value #DEGRADED}, which answers 200: the service
 * itself works (it receives and keeps events; their deliveries wait), so neither readiness nor liveness depend on
 * it. Reads what the alert checks and the delivery gauges last recorded, and which destinations are paused (a
 * handful of rows).
 */
@Component("destinations")
public class DestinationsHealthIndicator extends AbstractHealthIndicator {

    public static final String DEGRADED = "DEGRADED";

    private final DestinationHealthRecorder health;
    private final DeliveryCountGauges backlog;
    private final DestinationPauses pauses;
    private final DeliveryDestinations routes;

    public DestinationsHealthIndicator(DestinationHealthRecorder health, DeliveryCountGauges backlog,
                                       DestinationPauses pauses, DeliveryDestinations routes) {
        super("Destinations health check failed");
        this.health = health;
        this.backlog = backlog;
        this.pauses = pauses;
        this.routes = routes;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, DestinationHealth> outcomes = health.latest();
        Map<String, DestinationBacklog> backlogs = backlog.latest().map(BacklogSnapshot::destinations).orElse(Map.of());
        Map<String, DestinationPauses.Pause> paused = pauses.all();
        TreeSet<String> names = new TreeSet<>(outcomes.keySet());
        names.addAll(backlogs.keySet());
        Set<String> routed = routes.names();
        boolean anyFailing = false;
        boolean anyStranded = false;
        for (String name : names) {
            DestinationHealth outcome = outcomes.get(name);
            boolean failing = outcome != null && outcome.failing();
            DestinationBacklog waiting = backlogs.get(name);
            boolean stranded = !routed.contains(name) && waiting != null && waiting.pending() + waiting.failed() > 0;
            anyFailing |= failing;
            anyStranded |= stranded;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("status", stranded ? "no route" : failing ? "failing" : "up");
            if (stranded) {
                details.put("route", "none: deliveries to " + name + " wait until a route deliver-to-" + name
                        + " runs again (was its file removed from routes/?)");
            }
            if (failing) {
                details.put("failingSince", outcome.failingSince().toString());
            }
            DestinationPauses.Pause pause = paused.get(name);
            if (pause != null) {
                details.put("paused", Map.of("by", pause.pausedBy(), "since", pause.pausedAt().toString()));
            }
            if (outcome != null && outcome.lastSuccessAt() != null) {
                details.put("lastSuccess", outcome.lastSuccessAt().toString());
            }
            if (outcome != null && outcome.lastFailureAt() != null) {
                details.put("lastFailure", outcome.lastFailureAt().toString());
            }
            if (waiting != null) {
                details.put("backlog", Map.of("pending", waiting.pending(), "failed", waiting.failed(),
                        "dead", waiting.dead(), "oldestDueSeconds", waiting.oldestDue().toSeconds()));
            }
            builder.withDetail(name, details);
        }
        if (anyStranded) {
            builder.status(new Status(DEGRADED, "deliveries wait for a destination that has no route"));
        } else {
            builder.status(anyFailing ? new Status(DEGRADED, "a destination is failing; its deliveries wait")
                    : Status.UP);
        }
    }
}
