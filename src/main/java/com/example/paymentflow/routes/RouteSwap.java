package com.example.paymentflow.routes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.Route;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the new version of the files an edit touched into the running Camel context, and only those.
 * <p>
 * A route must not be stopped while work reaches it: Camel refuses an exchange sent to a direct: route that is
 * stopping, and a path served by nothing for a moment answers 404. So, in this order: routes that start work of
 * their own (pollers) are stopped, their in-flight work finishing on the routes it calls; if an HTTP route is
 * replaced, HTTP requests are held at the {@link SwapGate} once those in flight are answered; each direct: route
 * to replace stops taking exchanges (its callers, Java code included, wait: direct: blocks until a consumer is
 * back) and finishes those it has, callers before the routes they call. Then the old routes are removed, the route
 * configurations and templates of the edited files replaced, the new routes added and started, and the held work
 * goes on, on the new routes. When Camel cannot create or start a new route, everything is put back as it was and
 * the edit is refused. The whole is one {@link RouteChanges} change: code following the routes sees it complete.
 */
final class RouteSwap {

    private static final Logger LOG = LoggerFactory.getLogger(RouteSwap.class);
    private static final long DRAIN_CHECK_MILLIS = 5;

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
        boolean addsHttp = false;
        for (String file : affected) {
            if (before != null) {
                swappedIds.addAll(before.routeIds(file));
            }
            swappedIds.addAll(after.routeIds(file));
            RouteFile next = after.file(file);
            addsHttp |= next != null && next.allRoutes().stream().anyMatch(RouteSwap::isHttp);
        }
        Set<String> changedTemplates = definedIn(before, after, edited, RouteFile::templateIds);
        List<FromTemplate> remade = madeFrom(changedTemplates, swappedIds);
        remade.forEach(route -> swappedIds.add(route.routeId()));
        List<RouteDefinition> replaced = swappedIds.stream().map(model::getRouteDefinition).filter(Objects::nonNull)
                .toList();
        Previous previous = new Previous(replaced,
                modelConfigurations(definedIn(before, after, edited, RouteFile::configurationIds)),
                modelTemplates(changedTemplates), modelRests(affected));

        boolean http = addsHttp || replaced.stream().anyMatch(RouteSwap::isHttp);
        List<RouteDefinition> startingWork = replaced.stream()
                .filter(route -> !isHttp(route) && !isDirect(route)).toList();
        List<String> directs = new RouteCalls(model.getRouteDefinitions()).callersFirst(
                replaced.stream().filter(RouteSwap::isDirect).map(RouteDefinition::getId).toList());
        try {
            changes.apply(() -> swap(previous, after, edited, affected, remade, swappedIds, http, startingWork,
                    directs));
        } catch (Exception failure) {
            throw refusal(after, edited, failure);
        }
    }

    private void swap(Previous previous, RouteSet after, Set<String> edited, Set<String> affected,
                      List<FromTemplate> remade, Set<String> swappedIds, boolean http,
                      List<RouteDefinition> startingWork, List<String> directs) throws Exception {
        try {
            // outside the gate: their in-flight work may take as long as a destination takes to answer
            for (RouteDefinition route : startingWork) {
                model.removeRouteDefinition(route);
            }
            SwapGate.Swap swap = () -> {
                try {
                    detachAndDrain(directs);
                    replace(previous, after, edited, affected, remade);
                } catch (Exception failure) {
                    putBack(previous, swappedIds);
                    throw failure;
                }
            };
            if (http) {
                gate.hold(swap);
            } else {
                swap.run();
            }
        } catch (Exception failure) {
            // a failure behind the gate has put everything back already; one before it, not yet
            if (startingWork.stream().anyMatch(route -> camel.getRoute(route.getId()) == null)) {
                putBack(previous, swappedIds);
            }
            throw failure;
        }
    }

    /**
     * Each route stops taking exchanges (its direct: consumer leaves, so callers wait for the next one) and finishes
     * those it has; callers before the routes they call, whose exchanges would otherwise wait on them.
     */
    private void detachAndDrain(List<String> routeIds) throws Exception {
        for (String id : routeIds) {
            Route route = camel.getRoute(id);
            if (route == null) {
                continue;
            }
            ServiceHelper.suspendService(route.getConsumer());
            long deadline = System.nanoTime() + gate.maxHold().toNanos();
            while (camel.getInflightRepository().size(id) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(DRAIN_CHECK_MILLIS);
            }
            if (camel.getInflightRepository().size(id) > 0) {
                LOG.warn("Route {} still has exchanges in flight after {} s; replacing it anyway", id,
                        gate.maxHold().toSeconds());
            }
        }
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
                + ": " + RouteFileParser.rootCause(failure).getMessage();
        return new RefusedEditException(file, 0, 0, reason, failure);
    }

    private static boolean isDirect(RouteDefinition route) {
        String input = route.getInput() == null ? null : route.getInput().getEndpointUri();
        return input != null && input.startsWith("direct:");
    }

    /** Whether the route is an HTTP endpoint of this service (platform-http, or a rest verb over it). */
    static boolean isHttp(RouteDefinition route) {
        String input = route == null || route.getInput() == null ? null : route.getInput().getEndpointUri();
        return input != null && (input.startsWith("platform-http:") || input.startsWith("rest:"));
    }
}
