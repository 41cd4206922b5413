package com.example.paymentflow.routes;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.model.ToDynamicDefinition;

/**
 * Which routes start work (an HTTP request, a poll: every route not consuming from direct:) and which routes that
 * work reaches through direct: calls, as the definitions say. A dynamic call such as
 * {@code direct:deliver-to-${...}} reaches every direct: route whose endpoint starts the same way.
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

    /** The routes that start work which reaches any of the given routes (themselves included). */
    Set<String> entriesReaching(Set<String> routeIds) {
        Set<String> entries = new LinkedHashSet<>();
        for (RouteDefinition route : byId.values()) {
            String input = route.getInput() == null ? null : route.getInput().getEndpointUri();
            if (direct(input) == null && reaches(route.getId(), routeIds)) {
                entries.add(route.getId());
            }
        }
        return entries;
    }

    private boolean reaches(String from, Set<String> targets) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>();
        next.add(from);
        while (!next.isEmpty()) {
            String id = next.poll();
            if (!seen.add(id)) {
                continue;
            }
            if (targets.contains(id)) {
                return true;
            }
            next.addAll(called(byId.get(id)));
        }
        return false;
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
