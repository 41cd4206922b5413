package com.example.paymentflow.routes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.model.ToDynamicDefinition;

/**
 * Which routes reach which through direct: calls, as the definitions say (a call from Java code, such as the
 * delivery engine's, is not seen). A dynamic call such as {@code direct:deliver-to-${...}} reaches every direct:
 * route whose endpoint starts the same way.
 */
final class RouteCalls {

    private final Map<String, RouteDefinition> byId = new HashMap<>();
    private final Map<String, String> directConsumers = new HashMap<>();

    RouteCalls(Collection<RouteDefinition> routes) {
        for (RouteDefinition route : routes) {
            byId.put(route.getId(), route);
            String input = direct(route.getInput() == null ? null : route.getInput().getEndpointUri());
            if (input != null) {
                directConsumers.put(input, route.getId());
            }
        }
    }

    /** The given routes, each before those it reaches (in a cycle, in any order). */
    List<String> callersFirst(Collection<String> routeIds) {
        Map<String, Set<String>> reached = new LinkedHashMap<>();
        routeIds.forEach(id -> reached.put(id, reachedFrom(id)));
        List<String> ordered = new ArrayList<>();
        Set<String> left = new LinkedHashSet<>(routeIds);
        while (!left.isEmpty()) {
            String next = left.stream()
                    .filter(id -> left.stream().noneMatch(other -> !other.equals(id) && reached.get(other).contains(id)))
                    .findFirst().orElse(left.iterator().next());
            ordered.add(next);
            left.remove(next);
        }
        return ordered;
    }

    private Set<String> reachedFrom(String from) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(called(byId.get(from)));
        while (!next.isEmpty()) {
            String id = next.poll();
            if (seen.add(id)) {
                next.addAll(called(byId.get(id)));
            }
        }
        return seen;
    }

    private Set<String> called(RouteDefinition route) {
        Set<String> called = new LinkedHashSet<>();
        if (route == null) {
            return called;
        }
        for (ToDefinition to : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), ToDefinition.class)) {
            String uri = direct(to.getEndpointUri());
            if (uri != null && directConsumers.containsKey(uri)) {
                called.add(directConsumers.get(uri));
            }
        }
        for (ToDynamicDefinition to : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(),
                ToDynamicDefinition.class)) {
            String uri = direct(to.getUri());
            if (uri == null) {
                continue;
            }
            String fixed = fixedPart(uri);
            directConsumers.forEach((consumed, id) -> {
                if (fixed.equals(uri) ? consumed.equals(uri) : consumed.startsWith(fixed)) {
                    called.add(id);
                }
            });
        }
        return called;
    }

    /** The endpoint as direct:name (no // and no options), or null when it is not a direct: endpoint. */
    private static String direct(String uri) {
        if (uri == null || !uri.startsWith("direct:")) {
            return null;
        }
        String name = uri.substring("direct:".length());
        if (name.startsWith("//")) {
            name = name.substring(2);
        }
        int options = name.indexOf('?');
        return "direct:" + (options < 0 ? name : name.substring(0, options));
    }

    /** What comes before the first ${...} or {{...}} of an endpoint. */
    private static String fixedPart(String uri) {
        int end = uri.length();
        for (String marker : new String[] {"${", "{{"}) {
            int at = uri.indexOf(marker);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return uri.substring(0, end);
    }
}
