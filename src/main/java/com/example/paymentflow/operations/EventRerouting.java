package com.example.paymentflow.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.example.paymentflow.delivery.DeliveryDestinations;
import com.example.paymentflow.delivery.DeliveryWakeUps;
import com.example.paymentflow.event.EventParser;
import com.example.paymentflow.logging.SummarizedLog;
import com.example.paymentflow.operations.RerouteRepository.StoredEvent;
import com.example.paymentflow.routing.RoutingTable;
import com.example.paymentflow.routing.RoutingTableFailedException;
import com.example.paymentflow.security.OperatorIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Routes stored events again, after the routing table changed: an event type it now routes that it sent nowhere
 * before (a typo, a type added late), or a destination added since that should have the events it missed. Each
 * event is given to the routing table as it runs now, and gets a pending delivery to each destination the table
 * names that it has none for. A destination that already has one, delivered or not, is left alone (a replay is for
 * those), so a re-route never sends an event twice to the same destination, however often it is repeated.
 */
@Component
public class EventRerouting {

    private static final Logger LOG = LoggerFactory.getLogger(EventRerouting.class);

    private final RerouteRepository repository;
    private final EventParser parser;
    private final RoutingTable routingTable;
    private final DeliveryDestinations destinations;
    private final DeliveryWakeUps wakeUps;
    private final OperatorIdentity operators;

    public EventRerouting(RerouteRepository repository, EventParser parser, RoutingTable routingTable,
                          DeliveryDestinations destinations, DeliveryWakeUps wakeUps, OperatorIdentity operators) {
        this.repository = repository;
        this.parser = parser;
        this.routingTable = routingTable;
        this.destinations = destinations;
        this.wakeUps = wakeUps;
        this.operators = operators;
    }

    /**
     * @throws UnknownDestinationException       when the scope names a destination that does not exist
     * @throws InvalidQueryException             when its cursor names no stored event
     * @throws RoutingTableRefusedEventException when the routing table fails for an event: nothing is added
     */
    public RerouteResult reroute(RerouteScope scope) {
        if (scope.destination() != null && !destinations.names().contains(scope.destination())) {
            throw new UnknownDestinationException(scope.destination(), destinations.names());
        }
        if (scope.after() != null && !repository.exists(scope.after())) {
            throw new InvalidQueryException("after must be the id of a stored event: the next of the answer before");
        }
        List<StoredEvent> found = repository.page(scope);
        boolean more = found.size() > scope.limit();
        List<StoredEvent> page = more ? found.subList(0, scope.limit()) : found;
        List<String> eventIds = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int unrouted = 0;
        for (StoredEvent stored : page) {
            List<String> names = destinationsOf(stored);
            if (names.isEmpty()) {
                unrouted++;
            }
            for (String name : names) {
                if ((scope.destination() == null || scope.destination().equals(name))
                        && !stored.destinations().contains(name)) {
                    eventIds.add(stored.eventId());
                    missing.add(name);
                }
            }
        }
        Map<String, Integer> added = new TreeMap<>();
        if (scope.dryRun()) {
            missing.forEach(name -> added.merge(name, 1, Integer::sum));
        } else {
            added.putAll(repository.add(eventIds, missing));
            added.keySet().forEach(wakeUps::wake);
        }
        String next = more ? page.get(page.size() - 1).eventId() : null;
        LOG.info("Stored events routed again{} by operator {} ({}): {} events, {} sent nowhere, deliveries {} {}",
                scope.dryRun() ? " (dry run)" : "", operators.current(), scope, page.size(), unrouted,
                scope.dryRun() ? "that would be added" : "added", added);
        return new RerouteResult(page.size(), unrouted, added, scope.dryRun(), next);
    }

    private List<String> destinationsOf(StoredEvent stored) {
        try {
            return routingTable.destinationsOf(parser.parse(stored.payload()));
        } catch (RoutingTableFailedException failure) {
            LOG.warn("The routing table failed for stored event {} during a re-route: {}", stored.eventId(),
                    SummarizedLog.reasonOf(failure));
            throw new RoutingTableRefusedEventException(stored.eventId());
        }
    }
}
