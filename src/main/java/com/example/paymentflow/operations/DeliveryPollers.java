package com.example.paymentflow.operations;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.springframework.stereotype.Component;

/**
 * The destinations that have a delivery poller (routes {@code <destination>-delivery-poller}), so that a destination
 * is reported before its first delivery.
 */
@Component
public class DeliveryPollers {

    public static final String ROUTE_SUFFIX = "-delivery-poller";

    private final CamelContext camel;

    public DeliveryPollers(CamelContext camel) {
        this.camel = camel;
    }

    /** The destinations of the running Camel context's pollers, by name; none before it has routes. */
    public Set<String> destinations() {
        return camel.getRoutes().stream()
                .map(Route::getRouteId)
                .filter(id -> id.endsWith(ROUTE_SUFFIX))
                .map(id -> id.substring(0, id.length() - ROUTE_SUFFIX.length()))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
