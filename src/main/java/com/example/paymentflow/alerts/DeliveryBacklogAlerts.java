package com.example.paymentflow.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.example.paymentflow.delivery.DeliveryDestinations;
import com.example.paymentflow.delivery.DestinationPauses;
import com.example.paymentflow.operations.DeliveryCountGauges;
import com.example.paymentflow.operations.DestinationBacklog;
import com.example.paymentflow.operations.DestinationHealth;
import com.example.paymentflow.operations.DestinationHealthRecorder;

/**
 * A destination whose oldest due delivery has waited longer than {@code oldest-due-after} (the figures of the
 * delivery gauges' latest refresh): its poller is suspended or stopped, or delivery cannot keep up. One alert, and
 * one when the backlog is back under the limit. A destination an operator paused is not alerted on: its deliveries
 * wait on purpose (the pause is logged with who and why); once resumed, they count as waiting from the resumption.
 */
class DeliveryBacklogAlerts implements AlertCheck, OpenAlerts.Messages<DestinationBacklog> {

    private final DeliveryCountGauges backlog;
    private final DestinationHealthRecorder health;
    private final DeliveryDestinations routes;
    private final OpenAlerts open;
    private final Duration oldestDueAfter;
    private final String instance;

    DeliveryBacklogAlerts(DeliveryCountGauges backlog, DestinationHealthRecorder health, DeliveryDestinations routes,
                          OpenAlerts open, Duration oldestDueAfter, String instance) {
        this.backlog = backlog;
        this.health = health;
        this.routes = routes;
        this.open = open;
        this.oldestDueAfter = oldestDueAfter;
        this.instance = instance;
    }

    @Override
    public void check(Instant now) {
        Map<String, DestinationBacklog> destinations = backlog.latest()
                .map(snapshot -> snapshot.destinations()).orElse(null);
        if (destinations == null) {
            return;
        }
        open.reconcile(AlertCondition.DELIVERY_BACKLOG, () -> sinceResumed(destinations),
                destination -> destination.oldestDue().compareTo(oldestDueAfter) > 0, this, now);
    }

    /** The figures, counted maybe before a resumption, as they stand since it (read after the pauses, fresh). */
    private Map<String, DestinationBacklog> sinceResumed(Map<String, DestinationBacklog> destinations) {
        Map<String, DestinationHealth> resumptions = health.read();
        Map<String, DestinationBacklog> since = new TreeMap<>();
        destinations.forEach((name, counted) -> since.put(name,
                resumptions.containsKey(name) ? counted.since(resumptions.get(name)) : counted));
        return since;
    }

    @Override
    public Alert firing(String name, DestinationBacklog destination, Instant now) {
        return new Alert(AlertCondition.DELIVERY_BACKLOG, AlertState.FIRING, name,
                "The oldest due delivery to " + name + " has waited " + Wording.duration(destination.oldestDue()),
                List.of("Undelivered: " + destination.pending() + " pending, " + destination.failed()
                                + " failed (due ones among them wait for a poller).",
                        routes.names().contains(name)
                                ? "Is the poller " + name + "-delivery-poller suspended or stopped "
                                + "(console: Camel, Routes)? Are all instances down or is the database slow? "
                                + "Otherwise delivery needs more instances (docs/deployment.md)."
                                : "No route deliver-to-" + name + " runs on " + instance + ": was its file removed "
                                + "from routes/? Its deliveries wait until the route is back."),
                instance, now);
    }

    @Override
    public Alert resolved(String name, DestinationBacklog destination, Instant openedAt, Instant now) {
        return new Alert(AlertCondition.DELIVERY_BACKLOG, AlertState.RESOLVED, name,
                "Deliveries to " + name + " are on time again",
                List.of("The oldest due delivery now waits "
                        + Wording.duration(destination == null ? Duration.ZERO : destination.oldestDue())
                        + " (backlog since " + Wording.time(openedAt) + ")."),
                instance, now);
    }

    @Override
    public Alert paused(String name, DestinationPauses.Pause pause, Instant openedAt, Instant now) {
        return new Alert(AlertCondition.DELIVERY_BACKLOG, AlertState.RESOLVED, name,
                "Deliveries to " + name + " are paused: no backlog alerts until they are resumed",
                List.of("Paused by " + pause.pausedBy() + " at " + Wording.time(pause.pausedAt())
                        + " (backlog since " + Wording.time(openedAt) + ")."),
                instance, now);
    }
}
