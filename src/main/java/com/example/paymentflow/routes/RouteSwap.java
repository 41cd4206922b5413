package com.example.paymentflow.routes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.Consumer;
import org.apache.camel.Route;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;

/**
 * Puts the new version of the files an edit touched into the running Camel context, and only those.
 * <p>
 * No route may be stopped while work reaches it: Camel refuses an exchange that meets a route being stopped, and
 * a path served by nothing for a moment answers 404. Work reaches routes along paths the definitions do not always
 * show (the delivery engine calls destination routes from Java), so every source of work pauses, briefly: the
 * consumers of routes that start work of their own (pollers, schedulers) are suspended and their in-flight
 * exchanges complete, and HTTP requests are held at the {@link SwapGate} once those in flight are answered. Then the old
 * routes are removed, the route configurations and templates of the edited files replaced, the new routes added
 * and started, and the held work goes on, on the new routes. When Camel cannot create or start a new route,
 * everything is put back as it was and the edit is refused. The whole is one {@link RouteChanges} change: code
 * following the routes sees it complete.
 */
final class RouteSwap {

    private static final Logger LOG = LoggerFactory.getLogger(RouteSwap.class);
    private static final long SETTLE_MILLIS = 50;
    private static final long CHECK_MILLIS = 5;

    /** A route made from a changed template, to be made again from its new version. */
    private record FromTemplate(String routeId, String templateId, String group, RouteTemplateContext context) {
    }

    /** What the model held for the affected files before the swap, to put back on failure. */
    private record Previous(List<RouteDefinition> routes, List<RouteConfigurationDefinition> configurations,
                            List<RouteTemplateDefinition> templates, List<RestDefinition> rests) {
    }

    private final CamelContext camel;
    private final Model model;
    private final RouteFileParser parser;
    private final SwapGate gate;
    private final RouteChanges changes;

    RouteSwap(CamelContext camel, RouteFileParser parser, SwapGate gate, RouteChanges changes) {
        this.camel = camel;
        this.model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        this.parser = parser;
        this.gate = gate;
        this.changes = changes;
    }

    /**
     * @param before   what runs now (null when unknown)
     * @param after    the candidate, already checked
     * @param edited   files added, changed or removed
     * @param affected the edited files and those depending on them ({@link RouteSet#affectedFiles})
     * @throws RefusedEditException when Camel refused a new route; the previous routes run again
     */
    void apply(RouteSet before, RouteSet after, Set<String> edited, Set<String> affected) {
        Set<String> swappedIds = new LinkedHashSet<>();
        for (String file : affected) {
            if (before != null) {
                swappedIds.addAll(before.routeIds(file));
            }
            swappedIds.addAll(after.routeIds(file));
        }
        Set<String> changedTemplates = definedIn(before, after, edited, RouteFile::templateIds);
        List<FromTemplate> remade = madeFrom(changedTemplates, swappedIds);
        remade.forEach(route -> swappedIds.add(route.routeId()));
        List<RouteDefinition> replaced = swappedIds.stream().map(model::getRouteDefinition).filter(Objects::nonNull)
                .toList();
        Previous previous = new Previous(replaced,
                modelConfigurations(definedIn(before, after, edited, RouteFile::configurationIds)),
                modelTemplates(changedTemplates), modelRests(affected));

        try {
            changes.apply(() -> swap(previous, after, edited, affected, remade, swappedIds));
        } catch (Exception failure) {
            throw refusal(after, edited, failure);
        }
    }

    private void swap(Previous previous, RouteSet after, Set<String> edited, Set<String> affected,
                      List<FromTemplate> remade, Set<String> swappedIds) throws Exception {
        // before the gate: a poll in flight may take as long as a destination takes to answer
        List<Consumer> paused = pauseWorkSources();
        try {
            gate.hold(() -> {
                try {
                    replace(previous, after, edited, affected, remade);
                } catch (Exception failure) {
                    putBack(previous, swappedIds);
                    throw failure;
                }
            });
        } finally {
            paused.forEach(ServiceHelper::resumeService);
        }
    }

    /**
     * Suspends the consumers of the routes that start work of their own (pollers, schedulers: not HTTP, not
     * direct:), all at once, and waits until their exchanges in flight are complete (Camel's own suspension does
     * it one route at a time, checking once a second). A poll that had begun just before its consumer was
     * suspended may still be starting its exchange: the wait lasts at least {@value #SETTLE_MILLIS} ms.
     */
    private List<Consumer> pauseWorkSources() throws InterruptedException {
        List<Route> sources = new ArrayList<>();
        for (RouteDefinition definition : List.copyOf(model.getRouteDefinitions())) {
            Route route = camel.getRoute(definition.getId());
            if (route != null && !isHttp(definition) && !isDirect(definition)
                    && camel.getRouteController().getRouteStatus(route.getId()) == ServiceStatus.Started) {
                sources.add(route);
            }
        }
        List<Consumer> paused = new ArrayList<>();
        for (Route source : sources) {
            ServiceHelper.suspendService(source.getConsumer());
            paused.add(source.getConsumer());
        }
        long start = System.nanoTime();
        long settled = start + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
        long deadline = start + gate.maxHold().toNanos();
        while ((inFlight(sources) > 0 || System.nanoTime() < settled) && System.nanoTime() < deadline) {
            Thread.sleep(CHECK_MILLIS);
        }
        if (inFlight(sources) > 0) {
            LOG.warn("Pollers still have {} exchanges in flight after {} s; replacing routes anyway", inFlight(sources),
                    gate.maxHold().toSeconds());
        }
        return paused;
    }

    private int inFlight(List<Route> routes) {
        return routes.stream().mapToInt(route -> camel.getInflightRepository().size(route.getId())).sum();
    }

    private void replace(Previous previous, RouteSet after, Set<String> edited, Set<String> affected,
                         List<FromTemplate> remade) throws Exception {
        for (RouteDefinition route : previous.routes()) {
            model.removeRouteDefinition(route);
        }
        for (RouteConfigurationDefinition configuration : previous.configurations()) {
            model.getRouteConfigurationDefinitions().remove(configuration);
        }
        model.removeRouteTemplateDefinitions(previous.templates());
        model.getRestDefinitions().removeAll(previous.rests());
        for (String file : edited) {
            RouteFile next = after.file(file);
            if (next != null) {
                model.addRouteConfigurations(next.configurations());
                model.addRouteTemplateDefinitions(next.templates());
            }
        }
        List<RouteDefinition> added = new ArrayList<>();
        List<TemplatedRouteDefinition> templated = new ArrayList<>();
        for (String file : affected) {
            RouteFile checked = after.file(file);
            if (checked != null) {
                // read again, now that Camel merges the new route configurations into the routes
                RouteFile next = parser.parse(checked.location(), checked.content());
                added.addAll(next.allRoutes());
                templated.addAll(next.templatedRoutes());
                // the rest routes are added as routes below; the model only lists the rest services
                model.addRestDefinitions(next.rests(), false);
            }
        }
        // in one batch, so that Camel merges each rest route with the direct: route it hands its requests to
        model.addRouteDefinitions(added);
        for (TemplatedRouteDefinition route : templated) {
            model.addRouteFromTemplatedRoute(route);
        }
        for (FromTemplate route : remade) {
            // a route made by Java code from a template may have been made again already, by that code
            if (camel.getRoute(route.routeId()) == null) {
                model.addRouteFromTemplate(route.routeId(), route.templateId(), null, route.group(), route.context());
            }
        }
    }

    /** Back to the routes, configurations and templates that ran before; a failure here is logged for an operator. */
    private void putBack(Previous previous, Set<String> swappedIds) {
        try {
            for (String id : swappedIds) {
                RouteDefinition current = model.getRouteDefinition(id);
                if (current != null) {
                    model.removeRouteDefinition(current);
                }
            }
            model.getRouteConfigurationDefinitions().removeIf(configuration -> previous.configurations().stream()
                    .anyMatch(old -> Objects.equals(old.getId(), configuration.getId())));
            model.addRouteConfigurations(previous.configurations());
            Set<String> templateIds = new LinkedHashSet<>();
            previous.templates().forEach(template -> templateIds.add(template.getId()));
            model.removeRouteTemplateDefinitions(model.getRouteTemplateDefinitions().stream()
                    .filter(template -> templateIds.contains(template.getId())).toList());
            model.addRouteTemplateDefinitions(previous.templates());
            Set<String> restFiles = new LinkedHashSet<>();
            previous.rests().forEach(rest -> restFiles.add(rest.getResource().getLocation()));
            model.getRestDefinitions().removeIf(rest -> rest.getResource() != null
                    && restFiles.contains(rest.getResource().getLocation()));
            model.addRestDefinitions(previous.rests(), false);
            model.addRouteDefinitions(previous.routes());
        } catch (Exception failure) {
            LOG.error("Could not restore the routes as they ran before the refused edit; check the routes in the "
                    + "console and restart the service if some are missing", failure);
        }
    }

    /** Ids that the files define in either version. */
    private static Set<String> definedIn(RouteSet before, RouteSet after, Set<String> files,
                                         Function<RouteFile, List<String>> ids) {
        Set<String> all = new LinkedHashSet<>();
        for (String file : files) {
            for (RouteSet set : new RouteSet[] {before, after}) {
                if (set != null && set.file(file) != null) {
                    all.addAll(ids.apply(set.file(file)));
                }
            }
        }
        return all;
    }

    private List<FromTemplate> madeFrom(Set<String> templates, Set<String> swappedIds) {
        List<FromTemplate> routes = new ArrayList<>();
        for (RouteDefinition route : List.copyOf(model.getRouteDefinitions())) {
            String template = TemplateOrigins.of(route);
            if (template != null && templates.contains(template) && !swappedIds.contains(route.getId())) {
                routes.add(new FromTemplate(route.getId(), template, route.getGroup(), route.getRouteTemplateContext()));
            }
        }
        return routes;
    }

    private List<RouteConfigurationDefinition> modelConfigurations(Set<String> ids) {
        return model.getRouteConfigurationDefinitions().stream().filter(c -> ids.contains(c.getId())).toList();
    }

    private List<RouteTemplateDefinition> modelTemplates(Set<String> ids) {
        return model.getRouteTemplateDefinitions().stream().filter(t -> ids.contains(t.getId())).toList();
    }

    private List<RestDefinition> modelRests(Set<String> files) {
        return model.getRestDefinitions().stream()
                .filter(rest -> rest.getResource() != null && files.contains(rest.getResource().getLocation()))
                .toList();
    }

    private static RefusedEditException refusal(RouteSet after, Set<String> edited, Exception failure) {
        String routeId = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof FailedToCreateRouteException created) {
                routeId = created.getRouteId();
                break;
            }
            if (cause instanceof FailedToStartRouteException started) {
                routeId = started.getRouteId();
                break;
            }
        }
        String file = String.join(", ", edited);
        if (routeId != null) {
            for (String location : after.locations()) {
                if (after.routeIds(location).contains(routeId)) {
                    file = location;
                }
            }
        }
        String reason = "Camel could not run " + (routeId == null ? "the routes" : "route " + routeId) + " of " + file
                + ": " + NestedExceptionUtils.getMostSpecificCause(failure).getMessage();
        return new RefusedEditException(file, 0, 0, reason, failure);
    }

    private static boolean isDirect(RouteDefinition route) {
        String input = RouteSet.inputUri(route);
        return input != null && input.startsWith("direct:");
    }

    /** Whether the route is an HTTP endpoint of this service (platform-http, or a rest verb over it). */
    static boolean isHttp(RouteDefinition route) {
        String input = RouteSet.inputUri(route);
        return input != null && (input.startsWith("platform-http:") || input.startsWith("rest:"));
    }
}
