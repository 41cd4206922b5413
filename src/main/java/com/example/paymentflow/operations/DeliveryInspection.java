package com.example.paymentflow.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/** What an operator can look at: one event's trail, lists of deliveries, counts. Reads only. */
@Component
public class DeliveryInspection {

    private final DeliveryOperationsRepository repository;

    public DeliveryInspection(DeliveryOperationsRepository repository) {
        this.repository = repository;
    }

    /** @throws UnknownEventException when no event has this id */
    public EventDeliveries event(String eventId) {
        return repository.findEvent(eventId).orElseThrow(UnknownEventException::new);
    }

    /**
     * @throws UnknownDeliveryException when the page is to follow a delivery that is not there (purged since the
     *                                  page before): an empty page would read as the end of the listing
     */
    public DeliveryListing deliveries(DeliveryQuery query) {
        if (query.before() != null && repository.statusOf(query.before()).isEmpty()) {
            throw new UnknownDeliveryException(query.before());
        }
        return new DeliveryListing(repository.findDeliveries(query));
    }

    /** destination -> status -> count, every status present (0 when none), destinations in name order. */
    public Map<String, Map<String, Long>> summary() {
        Map<String, Map<String, Long>> summary = new TreeMap<>();
        for (StatusCount count : repository.countAll()) {
            summary.computeIfAbsent(count.destination(), destination -> zeroPerStatus())
                    .put(count.status(), count.count());
        }
        return summary;
    }

    private static Map<String, Long> zeroPerStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        DeliveryStatuses.ALL.forEach(status -> counts.put(status, 0L));
        return counts;
    }
}
