package com.example.paymentflow.routes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteDefinitionHelper;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Every route has an id of its own: a reload replaces routes by id, and two routes with one id would replace each
 * other. A rest verb takes the id of the direct: route it hands its requests to. A step's id is unique among all
 * routes, as Camel requires.
 */
@Component
// first: the other checks name routes by id, and a missing id is the reason to give
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UniqueRouteIds implements RouteSetCheck {

    private final CamelContext camel;

    public UniqueRouteIds(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public void check(List<RouteDefinition> routes) {
        Map<String, RouteDefinition> byId = new LinkedHashMap<>();
        boolean inline = camel.getRestConfiguration().isInlineRoutes();
        Map<RouteDefinition, String> ids = RouteSet.effectiveIds(routes, inline);
        Set<RouteDefinition> merged = RouteSet.mergedIntoRests(routes, inline);
        for (RouteDefinition route : routes) {
            if (merged.contains(route)) {
                // runs as part of the rest route in front of it, under the same id
                continue;
            }
            String id = ids.get(route);
            if (id == null) {
                throw new RejectedRoutesException(where(route) + ": a route without an id; give it one (id: ...), "
                        + "so that a reload can replace it");
            }
            RouteDefinition first = byId.putIfAbsent(id, route);
            if (first != null) {
                throw new RejectedRoutesException(where(route) + ": the route id '" + id + "' is already used "
                        + where(first));
            }
        }
        checkStepIds(routes, merged);
    }

    /**
     * A step's id (such as {@code id: call-erp}) is unique among every route's steps, as Camel requires when it starts
     * the routes: a copied route file keeping one would run live, and stop the next start-up.
     */
    private static void checkStepIds(List<RouteDefinition> routes, Set<RouteDefinition> merged) {
        List<RouteDefinition> earlier = new ArrayList<>();
        for (RouteDefinition route : routes) {
            if (merged.contains(route)) {
                continue;
            }
            String duplicate = RouteDefinitionHelper.validateUniqueIds(route, earlier);
            if (duplicate != null) {
                RouteDefinition first = earlier.stream()
                        .filter(other -> ProcessorDefinitionHelper.gatherAllNodeIds(other, new ArrayList<>(), true,
                                false).contains(duplicate))
                        .findFirst().orElseThrow();
                throw new RejectedRoutesException(where(route) + ": the step id '" + duplicate + "' is already used "
                        + "in route " + first.getRouteId() + " " + where(first) + "; give the step an id of its own");
            }
            earlier.add(route);
        }
    }

    private static String where(RouteDefinition route) {
        String file = route.getResource() == null ? "routes" : route.getResource().getLocation();
        int line = route.getLineNumber() > 0 ? route.getLineNumber()
                : route.getInput() == null ? -1 : route.getInput().getLineNumber();
        return line > 0 ? "in " + file + ", line " + line : "in " + file;
    }
}
