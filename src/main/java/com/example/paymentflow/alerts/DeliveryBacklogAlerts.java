package com.example.paymentflow.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.example.paymentflow.delivery.DestinationPauses;
import com.example.paymentflow.operations.DeliveryCountGauges;
import com.example.paymentflow.operations.DestinationBacklog;

/**
 * A destination whose oldest due delivery has waited longer than {@code oldest-due-after} (the figures of the
 * delivery gauges' latest refresh): its poller is suspended or stopped, or delivery cannot keep up. One alert, and
 * one when the backlog is back under the limit. A destination an operator paused is not alerted on: its deliveries
 * wait on purpose (the pause is logged with who and why).
 */
class DeliveryBacklogAlerts implements AlertCheck {

    private final DeliveryCountGauges backlog;
    private final DestinationPauses pauses;
    private final OpenAlerts open;
    private final AlertOutbox outbox;
    private final Duration oldestDueAfter;
    private final String instance;

    DeliveryBacklogAlerts(DeliveryCountGauges backlog, DestinationPauses pauses, OpenAlerts open, AlertOutbox outbox,
                          Duration oldestDueAfter, String instance) {
        this.backlog = backlog;
        this.pauses = pauses;
        this.open = open;
        this.outbox = outbox;
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
        Map<String, DestinationPauses.Pause> paused = pauses.all();
        for (DestinationBacklog destination : destinations.values()) {
            if (destination.oldestDue().compareTo(oldestDueAfter) > 0 && !paused.containsKey(destination.destination())
                    && open.open(AlertCondition.DELIVERY_BACKLOG, destination.destination())) {
                String name = destination.destination();
                outbox.submit(new Alert(AlertCondition.DELIVERY_BACKLOG, AlertState.FIRING, name,
                        "The oldest due delivery to " + name + " has waited " + Wording.duration(destination.oldestDue()),
                        List.of("Undelivered: " + destination.pending() + " pending, " + destination.failed()
                                        + " failed (due ones among them wait for a poller).",
                                "Is the poller " + name + "-delivery-poller suspended or stopped "
                                        + "(console: Camel, Routes)? Are all instances down or is the database slow? "
                                        + "Otherwise delivery needs more instances (docs/deployment.md)."),
                        instance, now));
            }
        }
        for (String subject : open.subjects(AlertCondition.DELIVERY_BACKLOG)) {
            DestinationBacklog destination = destinations.get(subject);
            DestinationPauses.Pause pause = paused.get(subject);
            if (pause != null) {
                open.close(AlertCondition.DELIVERY_BACKLOG, subject).ifPresent(since -> outbox.submit(new Alert(
                        AlertCondition.DELIVERY_BACKLOG, AlertState.RESOLVED, subject,
                        "Deliveries to " + subject + " are paused: no backlog alerts until they are resumed",
                        List.of("Paused by " + pause.pausedBy() + " at " + Wording.time(pause.pausedAt())
                                + " (backlog since " + Wording.time(since) + ")."),
                        instance, now)));
            } else if (destination == null || destination.oldestDue().compareTo(oldestDueAfter) <= 0) {
                open.close(AlertCondition.DELIVERY_BACKLOG, subject).ifPresent(since -> outbox.submit(new Alert(
                        AlertCondition.DELIVERY_BACKLOG, AlertState.RESOLVED, subject,
                        "Deliveries to " + subject + " are on time again",
                        List.of("The oldest due delivery now waits "
                                + Wording.duration(destination == null ? Duration.ZERO : destination.oldestDue())
                                + " (backlog since " + Wording.time(since) + ")."),
                        instance, now)));
            }
        }
    }
}
