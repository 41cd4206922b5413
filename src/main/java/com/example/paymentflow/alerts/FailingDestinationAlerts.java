package com.example.paymentflow.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.example.paymentflow.delivery.DestinationPauses;
import com.example.paymentflow.operations.DeliveryCountGauges;
import com.example.paymentflow.operations.DestinationBacklog;
import com.example.paymentflow.operations.DestinationHealth;
import com.example.paymentflow.operations.DestinationHealthRecorder;

/**
 * A destination whose delivery attempts have failed for {@code after} without a success (destination_health, as
 * every instance records it): one alert, and one when it succeeds again. A destination an operator paused is not
 * alerted on: nothing is attempted while it is paused, so no success can end the failing.
 */
class FailingDestinationAlerts implements AlertCheck, OpenAlerts.Messages<DestinationHealth> {

    private final DestinationHealthRecorder health;
    private final DeliveryCountGauges backlog;
    private final OpenAlerts open;
    private final Duration after;
    private final String instance;

    FailingDestinationAlerts(DestinationHealthRecorder health, DeliveryCountGauges backlog, OpenAlerts open,
                             Duration after, String instance) {
        this.health = health;
        this.backlog = backlog;
        this.open = open;
        this.after = after;
        this.instance = instance;
    }

    @Override
    public void check(Instant now) {
        // once alerted, it is failing until a success: a resume restarts the failing clock, which is no success
        open.reconcile(AlertCondition.DESTINATION_FAILING, health::read,
                destination -> destination.failingFor().compareTo(after) >= 0, DestinationHealth::failing, this, now);
    }

    @Override
    public Alert firing(String name, DestinationHealth destination, Instant now) {
        String waiting = backlog.latest().map(snapshot -> snapshot.destinations().get(name))
                .map(FailingDestinationAlerts::waiting).orElse("Deliveries waiting: not counted yet.");
        return new Alert(AlertCondition.DESTINATION_FAILING, AlertState.FIRING, name,
                name + " has been failing without a success for " + Wording.duration(destination.failingFor()),
                List.of("Attempts have failed since " + Wording.time(destination.failingSince()) + "; last success: "
                                + (destination.lastSuccessAt() == null ? "none recorded" : Wording.time(destination.lastSuccessAt()))
                                + ".",
                        waiting,
                        "Nothing is lost: they are retried with backoff until they succeed or are dead.",
                        "Why: last_error in GET /api/deliveries?status=failed&destination=" + name + "."),
                instance, now);
    }

    @Override
    public Alert resolved(String name, DestinationHealth destination, Instant openedAt, Instant now) {
        String since = destination == null || destination.lastSuccessAt() == null ? ""
                : " (success at " + Wording.time(destination.lastSuccessAt()) + ")";
        return new Alert(AlertCondition.DESTINATION_FAILING, AlertState.RESOLVED, name,
                name + " is delivering again",
                List.of("A delivery attempt succeeded" + since + "; the deliveries that waited follow on their "
                        + "retry schedule."),
                instance, now);
    }

    @Override
    public Alert paused(String name, DestinationPauses.Pause pause, Instant openedAt, Instant now) {
        return new Alert(AlertCondition.DESTINATION_FAILING, AlertState.RESOLVED, name,
                "Deliveries to " + name + " are paused: no destination-failing alerts until they are resumed",
                List.of("Paused by " + pause.pausedBy() + " at " + Wording.time(pause.pausedAt())
                        + " (alerted as failing since " + Wording.time(openedAt) + ")."),
                instance, now);
    }

    private static String waiting(DestinationBacklog backlog) {
        return "Deliveries waiting: " + backlog.failed() + " failed, " + backlog.pending() + " pending, "
                + backlog.dead() + " dead.";
    }
}
