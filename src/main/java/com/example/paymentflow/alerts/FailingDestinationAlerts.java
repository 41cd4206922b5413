package com.example.paymentflow.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.example.paymentflow.operations.DeliveryCountGauges;
import com.example.paymentflow.operations.DestinationBacklog;
import com.example.paymentflow.operations.DestinationHealth;
import com.example.paymentflow.operations.DestinationHealthRecorder;

/**
 * A destination whose delivery attempts have failed for {@code after} without a success (destination_health, as
 * every instance records it): one alert, and one when it succeeds again.
 */
class FailingDestinationAlerts implements AlertCheck {

    private final DestinationHealthRecorder health;
    private final DeliveryCountGauges backlog;
    private final OpenAlerts open;
    private final AlertOutbox outbox;
    private final Duration after;
    private final String instance;

    FailingDestinationAlerts(DestinationHealthRecorder health, DeliveryCountGauges backlog, OpenAlerts open,
                             AlertOutbox outbox, Duration after, String instance) {
        this.health = health;
        this.backlog = backlog;
        this.open = open;
        this.outbox = outbox;
        this.after = after;
        this.instance = instance;
    }

    @Override
    public void check(Instant now) {
        Map<String, DestinationHealth> destinations = health.latest();
        for (DestinationHealth destination : destinations.values()) {
            if (destination.failingFor().compareTo(after) >= 0
                    && open.open(AlertCondition.DESTINATION_FAILING, destination.destination())) {
                outbox.submit(firing(destination, now));
            }
        }
        for (String subject : open.subjects(AlertCondition.DESTINATION_FAILING)) {
            DestinationHealth destination = destinations.get(subject);
            if (destination == null || destination.failingFor().compareTo(after) < 0) {
                Optional<Instant> openedAt = open.close(AlertCondition.DESTINATION_FAILING, subject);
                openedAt.ifPresent(since -> outbox.submit(resolved(subject, destination, now)));
            }
        }
    }

    private Alert firing(DestinationHealth destination, Instant now) {
        String name = destination.destination();
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

    private Alert resolved(String name, DestinationHealth destination, Instant now) {
        String since = destination == null || destination.lastSuccessAt() == null ? ""
                : " (success at " + Wording.time(destination.lastSuccessAt()) + ")";
        return new Alert(AlertCondition.DESTINATION_FAILING, AlertState.RESOLVED, name,
                name + " is delivering again",
                List.of("A delivery attempt succeeded" + since + "; the deliveries that waited follow on their "
                        + "retry schedule."),
                instance, now);
    }

    private static String waiting(DestinationBacklog backlog) {
        return "Deliveries waiting: " + backlog.failed() + " failed, " + backlog.pending() + " pending, "
                + backlog.dead() + " dead.";
    }
}
