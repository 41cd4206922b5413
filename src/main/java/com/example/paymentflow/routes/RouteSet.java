package com.example.paymentflow.routes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.OptionalIdentifiedDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.model.TemplatedRouteParameterDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.support.PatternHelper;

/**
 * Every route file of routes/ as read: the candidate that a reload checks whole, and what it needs to replace only
 * what an edit touched.
 */
public final class RouteSet {

    private final Map<String, RouteFile> files;
    private final boolean inlineRestRoutes;

    public RouteSet(Collection<RouteFile> files, boolean inlineRestRoutes) {
        Map<String, RouteFile> byLocation = new TreeMap<>();
        files.forEach(file -> byLocation.put(file.location(), file));
        this.files = byLocation;
        this.inlineRestRoutes = inlineRestRoutes;
    }

    public Set<String> locations() {
        return files.keySet();
    }

    public RouteFile file(String location) {
        return files.get(location);
    }

    /**
     * Every route the set would run, for the {@link RouteSetCheck}s: routes, rest routes, and the routes of
     * templatedRoute entries made from their templates (with the entry's id and parameters).
     *
     * @throws RefusedEditException when a templatedRoute names no template of the set
     */
    public List<RouteDefinition> candidateRoutes() {
        List<RouteDefinition> routes = new ArrayList<>();
        files.values().forEach(file -> routes.addAll(file.allRoutes()));
        for (RouteFile file : files.values()) {
            for (TemplatedRouteDefinition templated : file.templatedRoutes()) {
                routes.add(fromTemplate(file, templated));
            }
        }
        return routes;
    }

    /**
     * Refuses what Camel would refuse only while adding it, when the running routes would already be gone: a route
     * configuration or route template id used twice.
     */
    public void checkUniqueConfigurationAndTemplateIds() {
        Map<String, String> configurations = new HashMap<>();
        Map<String, String> templates = new HashMap<>();
        for (RouteFile file : files.values()) {
            for (String id : file.configurationIds()) {
                refuseSecond(configurations.putIfAbsent(id, file.location()), file, "route configuration", id);
            }
            for (String id : file.templateIds()) {
                refuseSecond(templates.putIfAbsent(id, file.location()), file, "route template", id);
            }
        }
    }

    /** The ids of the route configurations the set defines. */
    public Set<String> configurationIds() {
        Set<String> ids = new HashSet<>();
        files.values().forEach(file -> ids.addAll(file.configurationIds()));
        return ids;
    }

    /**
     * Every route configuration a route names exists: Camel runs a route whose configuration is gone without its
     * error handling, so that its errors would be answered 500 with nothing said, or handled as the caller never
     * expects.
     *
     * @throws RejectedRoutesException naming the route's file and line, and the configuration
     */
    public static void checkConfigurationsExist(List<RouteDefinition> routes, Set<String> configurationIds) {
        for (RouteDefinition route : routes) {
            String named = route.getRouteConfigurationId();
            if (named == null) {
                continue;
            }
            for (String id : named.split(",")) {
                String configuration = id.strip();
                if (!configuration.isEmpty() && !configuration.contains("*")
                        && !configurationIds.contains(configuration)) {
                    throw new RejectedRoutesException(where(route) + ": route " + route.getRouteId()
                            + " uses route configuration '" + configuration + "', which no route file defines "
                            + "(routes/error-handling.camel.yaml defines the service's)");
                }
            }
        }
    }

    private static void refuseSecond(String first, RouteFile file, String kind, String id) {
        if (first != null) {
            throw new RefusedEditException(file.location(), 0, 0,
                    "the " + kind + " id '" + id + "' is already used in " + first, null);
        }
    }

    /** The ids of the routes Camel runs for a file: its routes, rest routes and templated routes. */
    public Set<String> routeIds(String location) {
        RouteFile file = files.get(location);
        Set<String> ids = new LinkedHashSet<>();
        if (file == null) {
            return ids;
        }
        Map<RouteDefinition, String> effective = effectiveIds(allRoutes(), inlineRestRoutes);
        file.allRoutes().stream().map(effective::get).filter(Objects::nonNull).forEach(ids::add);
        file.templatedRoutes().stream().map(TemplatedRouteDefinition::getRouteId).filter(Objects::nonNull)
                .forEach(ids::add);
        return ids;
    }

    private List<RouteDefinition> allRoutes() {
        List<RouteDefinition> routes = new ArrayList<>();
        files.values().forEach(file -> routes.addAll(file.allRoutes()));
        return routes;
    }

    /**
     * The files to reload for an edit of the given files: those, and every file whose routes depend on what they
     * define in either version (a route configuration, a route template, the direct: route behind a rest verb).
     */
    public static Set<String> affectedFiles(RouteSet before, RouteSet after, Set<String> edited) {
        Set<String> affected = new LinkedHashSet<>(edited);
        boolean grown = true;
        while (grown) {
            grown = false;
            for (RouteSet set : new RouteSet[] {before, after}) {
                if (set == null) {
                    continue;
                }
                for (String location : set.locations()) {
                    if (!affected.contains(location) && set.dependsOn(location, affected)) {
                        affected.add(location);
                        grown = true;
                    }
                }
            }
        }
        return affected;
    }

    private boolean dependsOn(String location, Set<String> affected) {
        RouteFile file = files.get(location);
        Set<String> configurations = new LinkedHashSet<>();
        Set<String> templates = new LinkedHashSet<>();
        Set<String> directs = new LinkedHashSet<>();
        boolean globalConfiguration = false;
        for (String other : affected) {
            RouteFile edited = files.get(other);
            if (edited == null) {
                continue;
            }
            configurations.addAll(edited.configurationIds());
            globalConfiguration |= edited.hasGlobalConfiguration();
            templates.addAll(edited.templateIds());
            edited.allRoutes().forEach(route -> directs.addAll(directUris(route)));
        }
        for (RouteDefinition route : file.allRoutes()) {
            String used = route.getRouteConfigurationId();
            if (globalConfiguration || (used != null && usesAny(used, configurations))) {
                return true;
            }
            if (directUris(route).stream().anyMatch(directs::contains)) {
                return true;
            }
        }
        return file.templatedRoutes().stream().anyMatch(templated -> templates.contains(templated.getRouteTemplateRef()));
    }

    private static boolean usesAny(String routeConfigurationIds, Set<String> configurations) {
        for (String pattern : routeConfigurationIds.split(",")) {
            for (String id : configurations) {
                if (PatternHelper.matchPattern(id, pattern.trim())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The direct: endpoint a route consumes, or the one a rest route hands its requests to. */
    private static List<String> directUris(RouteDefinition route) {
        String input = inputUri(route);
        if (input != null && input.startsWith("direct:")) {
            return List.of(input);
        }
        ToDefinition target = restTarget(route);
        return target == null ? List.of() : List.of(target.getEndpointUri());
    }

    /**
     * Each route's id as Camel will run it. A rest route that hands its requests to a direct: route is merged into
     * it and runs under its id (rest-dsl inlining), as one route of two definitions.
     */
    public static Map<RouteDefinition, String> effectiveIds(List<RouteDefinition> routes, boolean inlineRestRoutes) {
        Map<RouteDefinition, String> ids = new IdentityHashMap<>();
        Map<RouteDefinition, RouteDefinition> targets = inlineRestRoutes ? restTargets(routes) : Map.of();
        for (RouteDefinition route : routes) {
            RouteDefinition target = targets.get(route);
            String targetId = target == null ? null : givenId(target);
            ids.put(route, targetId != null ? targetId : givenId(route));
        }
        return ids;
    }

    /** Where a definition is, for a refusal: "file:routes/erp.camel.yaml, line 12", or the file alone. */
    public static String where(OptionalIdentifiedDefinition<?> definition) {
        String file = definition.getLocation() == null ? "routes" : definition.getLocation();
        return definition.getLineNumber() > 0 ? file + ", line " + definition.getLineNumber() : file;
    }

    /** The id the file gives the route; null for none, also once Camel has made one up (route1...) at start-up. */
    private static String givenId(RouteDefinition route) {
        return route.hasCustomIdAssigned() ? route.getId() : null;
    }

    /** The direct: routes that run merged into the rest route in front of them (rest-dsl inlining). */
    public static Set<RouteDefinition> mergedIntoRests(List<RouteDefinition> routes, boolean inlineRestRoutes) {
        Set<RouteDefinition> merged = Collections.newSetFromMap(new IdentityHashMap<>());
        if (inlineRestRoutes) {
            merged.addAll(restTargets(routes).values());
        }
        return merged;
    }

    private static Map<RouteDefinition, RouteDefinition> restTargets(List<RouteDefinition> routes) {
        Map<String, RouteDefinition> byDirect = new HashMap<>();
        for (RouteDefinition route : routes) {
            String input = inputUri(route);
            if (input != null && input.startsWith("direct:")) {
                byDirect.put(input, route);
            }
        }
        Map<RouteDefinition, RouteDefinition> targets = new IdentityHashMap<>();
        for (RouteDefinition route : routes) {
            ToDefinition target = restTarget(route);
            if (target != null && byDirect.containsKey(target.getEndpointUri())) {
                targets.put(route, byDirect.get(target.getEndpointUri()));
            }
        }
        return targets;
    }

    /** The endpoint URI the route consumes; null for none (or no route). */
    static String inputUri(RouteDefinition route) {
        return route == null || route.getInput() == null ? null : route.getInput().getEndpointUri();
    }

    /** The first step of a rest route, when it is a to: (what rest-dsl inlining looks at). */
    private static ToDefinition restTarget(RouteDefinition route) {
        String input = inputUri(route);
        if (input == null || !input.startsWith("rest:")) {
            return null;
        }
        for (ProcessorDefinition<?> step : route.getOutputs()) {
            if (step.isAbstract()) {
                continue;
            }
            return step instanceof ToDefinition to ? to : null;
        }
        return null;
    }

    private RouteDefinition fromTemplate(RouteFile file, TemplatedRouteDefinition templated) {
        RouteTemplateDefinition template = files.values().stream()
                .flatMap(candidate -> candidate.templates().stream())
                .filter(candidate -> Objects.equals(candidate.getId(), templated.getRouteTemplateRef()))
                .findFirst()
                .orElseThrow(() -> new RefusedEditException(file.location(), 0, 0, "the templatedRoute "
                        + templated.getRouteId() + " names no route template '" + templated.getRouteTemplateRef()
                        + "'", null));
        RouteDefinition route = template.asRouteDefinition();
        route.setId(templated.getRouteId());
        route.setResource(templated.getResource());
        Map<String, Object> parameters = new HashMap<>();
        for (TemplatedRouteParameterDefinition parameter : templated.getParameters()) {
            parameters.put(parameter.getName(), parameter.getValue());
        }
        route.setTemplateParameters(parameters);
        return route;
    }
}
