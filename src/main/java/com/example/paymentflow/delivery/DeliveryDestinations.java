package com.example.paymentflow.delivery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import com.example.paymentflow.routes.RouteChanges;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TransactedDefinition;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The destinations, found from the routes: every route {@code deliver-to-<name>} is a destination, and gets a poller
 * ({@code <name>-delivery-poller}, from the {@code delivery-poller} template of routes/delivery.camel.yaml) at
 * start-up, or as soon as a live reload adds it. Removing the route removes its poller; its deliveries wait.
 */
@Component
@Order(DeliveryDestinations.ORDER)
public class DeliveryDestinations implements CamelContextConfiguration {

    /** After the route set checks, which must pass before any poller is made. */
    public static final int ORDER = 100;
    public static final String POLLER_TEMPLATE = "delivery-poller";
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryDestinations.class);

    private final DeliveryProperties properties;
    private final AttemptReporter reporter;
    private final RouteChanges changes;
    private final Map<String, Destination> live = new ConcurrentHashMap<>();
    private CamelContext camel;
    private ExecutorService routeChanges;

    public DeliveryDestinations(DeliveryProperties properties, AttemptReporter reporter, RouteChanges changes) {
        this.properties = properties;
        this.reporter = reporter;
        this.changes = changes;
    }

    public Optional<Destination> get(String name) {
        return Optional.ofNullable(live.get(name));
    }

    /** The names of the destinations, sorted. */
    public Set<String> names() {
        return new TreeSet<>(live.keySet());
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        this.camel = camelContext;
        this.routeChanges = camelContext.getExecutorServiceManager()
                .newSingleThreadExecutor(this, "delivery-destination-changes");
        for (RouteDefinition route : List.copyOf(((ModelCamelContext) camelContext).getRouteDefinitions())) {
            Destination.nameOf(route.getRouteId()).ifPresent(name -> add(name, route));
        }
        EventNotifierSupport routeEvents = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                String routeId = ((CamelEvent.RouteEvent) event).getRoute().getRouteId();
                // after the change that caused the event is complete, from the routes as they then are
                // a live reload replaces a route by removing and adding it: look once the reload is complete
                Destination.nameOf(routeId).ifPresent(name -> routeChanges.execute(
                        () -> changes.whenSettled(() -> follow(name))));
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                // the routes of the start-up got their pollers above; these are later changes (live reloads)
                return camelContext.isStarted() && (event.getType() == CamelEvent.Type.RouteAdded
                        || event.getType() == CamelEvent.Type.RouteRemoved);
            }
        };
        camelContext.getManagementStrategy().addEventNotifier(routeEvents);
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // pollers start with the routes
    }

    /** Gives a destination whose route came a poller, and takes it from one whose route went. */
    private synchronized void follow(String name) {
        Route route = camel.getRoute(Destination.routeIdOf(name));
        RouteDefinition definition = ((ModelCamelContext) camel).getRouteDefinition(Destination.routeIdOf(name));
        try {
            if (route != null && definition != null && !live.containsKey(name)) {
                add(name, definition);
                LOG.info("Destination {} added: its poller {} runs", name, Destination.pollerRouteIdOf(name));
            } else if (route == null && live.containsKey(name)) {
                String poller = Destination.pollerRouteIdOf(name);
                if (camel.getRoute(poller) != null) {
                    camel.getRouteController().stopRoute(poller);
                    camel.removeRoute(poller);
                }
                live.remove(name).close();
                LOG.info("Destination {} removed: its deliveries wait until a route deliver-to-{} exists again",
                        name, name);
            }
        } catch (Exception e) {
            LOG.error("Could not follow the change of destination {}: {}", name, e.getMessage(), e);
        }
    }

    private void add(String name, RouteDefinition route) {
        boolean transacted = !route.getOutputs().isEmpty() && route.getOutputs().get(0) instanceof TransactedDefinition;
        DeliveryProperties.Destination limits = properties.limitsOf(name);
        ExecutorService attempts = camel.getExecutorServiceManager()
                .newFixedThreadPool(this, "delivery-" + name, limits.maxConcurrency());
        live.put(name, new Destination(name, transacted, limits, properties.circuitBreaker(), attempts));
        reporter.register(name);
        if (!properties.enabled()) {
            return;
        }
        try {
            camel.addRouteFromTemplate(Destination.pollerRouteIdOf(name), POLLER_TEMPLATE,
                    Map.of("destination", name));
        } catch (Exception e) {
            live.remove(name).close();
            throw new IllegalStateException("Could not make the poller of destination " + name + " from the route "
                    + "template " + POLLER_TEMPLATE + " (routes/delivery.camel.yaml): " + e.getMessage(), e);
        }
    }
}
