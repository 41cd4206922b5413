package com.example.paymentflow.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.model.rest.RestDefinition;

/**
 * One route file as read, none of its definitions added to Camel: routes, rest services (and the routes Camel makes
 * of them), route templates, routes made from templates, and route configurations. Camel merges the route
 * configurations it knows into a route as it reads it, so the routes of a file are read again, from its content,
 * once new configurations are in place.
 */
public record RouteFile(String location, byte[] content, List<RouteDefinition> routes, List<RestDefinition> rests,
                        List<RouteDefinition> restRoutes, List<RouteTemplateDefinition> templates,
                        List<TemplatedRouteDefinition> templatedRoutes,
                        List<RouteConfigurationDefinition> configurations) {

    /** Routes and rest routes: what is added to Camel as routes. */
    public List<RouteDefinition> allRoutes() {
        List<RouteDefinition> all = new ArrayList<>(routes);
        all.addAll(restRoutes);
        return all;
    }

    public List<String> templateIds() {
        return templates.stream().map(RouteTemplateDefinition::getId).filter(Objects::nonNull).toList();
    }

    public List<String> configurationIds() {
        return configurations.stream().map(RouteConfigurationDefinition::getId).filter(Objects::nonNull).toList();
    }

    /** Whether it defines a route configuration without id, which Camel applies to every route. */
    public boolean hasGlobalConfiguration() {
        return configurations.stream().anyMatch(configuration -> configuration.getId() == null);
    }
}
