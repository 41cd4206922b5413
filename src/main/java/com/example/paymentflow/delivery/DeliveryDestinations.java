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

    private Destination destination(String name, RouteDefinition route) {
        DeliveryProperties.Destination limits = properties.limitsOf(name);
        ExecutorService attempts = camel.getExecutorServiceManager()
                .newFixedThreadPool(this, "delivery-" + name, limits.maxConcurrency());
        return new Destination(name, startsTransacted(route), limits, properties.circuitBreaker(), attempts);
    }

    private static boolean startsTransacted(RouteDefinition route) {
        return !route.getOutputs().isEmpty() && route.getOutputs().get(0) instanceof TransactedDefinition;
    }

    /**
     * Gives a destination whose route came a poller, takes it from one whose route went, and follows a route that
     * began or stopped beginning with {@code transacted}.
     */
    private synchronized void follow(String name) {
        Route route = camel.getRoute(Destination.routeIdOf(name));
        RouteDefinition definition = ((ModelCamelContext) camel).getRouteDefinition(Destination.routeIdOf(name));
        try {
            if (route != null && definition != null && !live.containsKey(name)) {
                add(name, definition);
                LOG.info("Destination {} added: its poller {} runs", name, Destination.pollerRouteIdOf(name));
            } else if (route != null && definition != null
                    && live.get(name).bookedInOutcomeTransaction() != startsTransacted(definition)) {
                // the poller stays; the next batch is booked as the route now says (the breaker starts closed)
                live.put(name, destination(name, definition)).close();
                LOG.info("Destination {} is {} booked in the transaction that records its outcomes", name,
                        startsTransacted(definition) ? "now" : "no longer");
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
        live.put(name, destination(name, route));
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
