package com.example.paymentflow.operations;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.example.paymentflow.delivery.DeliveryDestinations;
import com.example.paymentflow.delivery.DeliveryProperties;
import com.example.paymentflow.delivery.DeliveryWakeUps;
import com.example.paymentflow.delivery.Destination;
import com.example.paymentflow.delivery.DestinationPauses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pause and resume of a destination, for the operations API and the console alike. A paused destination keeps
 * receiving: its deliveries are stored and wait, pending, on every instance; resuming lets them drain within the
 * destination's limits. Each change is logged with who made it and why.
 */
@Component
public class DestinationControl {

    private static final Logger LOG = LoggerFactory.getLogger(DestinationControl.class);

    private final DeliveryDestinations destinations;
    private final DestinationPauses pauses;
    private final DeliveryWakeUps wakeUps;
    private final DeliveryProperties properties;
    private final DestinationHealthRecorder health;
    private final TransactionTemplate transaction;
    private final DeliveryCountGauges backlog;

    public DestinationControl(DeliveryDestinations destinations, DestinationPauses pauses, DeliveryWakeUps wakeUps,
                              DeliveryProperties properties, DestinationHealthRecorder health,
                              TransactionTemplate transaction, DeliveryCountGauges backlog) {
        this.destinations = destinations;
        this.pauses = pauses;
        this.wakeUps = wakeUps;
        this.properties = properties;
        this.health = health;
        this.transaction = transaction;
        this.backlog = backlog;
    }

    /**
     * Every destination, by name; also one whose route is gone while a pause of it is in force, or while deliveries
     * to it wait (as the latest count of the delivery metrics has them).
     */
    public Map<String, List<DestinationStatus>> list() {
        Map<String, DestinationPauses.Pause> paused = pauses.all();
        Set<String> names = new TreeSet<>(destinations.names());
        names.addAll(paused.keySet());
        backlog.latest().ifPresent(snapshot -> snapshot.destinations().forEach((name, waiting) -> {
            if (waiting.pending() + waiting.failed() > 0) {
                names.add(name);
            }
        }));
        return Map.of("destinations", names.stream().map(name -> status(name, paused.get(name))).toList());
    }

    /**
     * @throws UnknownDestinationException when no destination has this name
     * @throws InvalidQueryException when the optional reason is unusable
     */
    public DestinationStatus pause(String name, String reason, String by) {
        String known = known(name);
        String why = OperationsParameters.reason(reason);
        if (pauses.pause(known, why, by)) {
            LOG.warn("Destination {} paused by {}: {}", known, by, why == null ? "no reason given" : why);
        }
        return status(known, pauses.all().get(known));
    }

    /**
     * Also a destination whose route is gone while it was paused: else the pause could not be lifted, and the
     * destination would come back paused with its route.
     *
     * @throws UnknownDestinationException when no destination has this name, nor a pause
     */
    public DestinationStatus resume(String name, String by) {
        String known = name != null && pauses.all().containsKey(name) ? name : known(name);
        // one transaction: whoever sees the destination resumed sees when too
        boolean resumed = Boolean.TRUE.equals(transaction.execute(status -> {
            boolean wasPaused = pauses.resume(known);
            if (wasPaused) {
                health.recordResumption(known);
            }
            return wasPaused;
        }));
        if (resumed) {
            LOG.warn("Destination {} resumed by {}", known, by);
            wakeUps.wake(known);
        }
        return status(known, null);
    }

    private String known(String name) {
        Set<String> names = destinations.names();
        if (name == null || !names.contains(name)) {
            throw new UnknownDestinationException(name == null ? "" : name.replaceAll("[^a-z0-9_-]", "?"), names);
        }
        return name;
    }

    private DestinationStatus status(String name, DestinationPauses.Pause pause) {
        DeliveryProperties.Destination limits = properties.limitsOf(name);
        return new DestinationStatus(name, destinations.get(name).isPresent(), pause != null,
                pause == null ? null : pause.reason(),
                pause == null ? null : pause.pausedBy(), pause == null ? null : pause.pausedAt(),
                limits.maxConcurrency(), limits.maxRatePerSecond(),
                destinations.get(name).map(Destination::circuitState).orElse(null));
    }
}
