package com.example.paymentflow.routes;

import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.PropertyDefinition;
import org.apache.camel.model.RouteDefinition;

/**
 * Remembers on each route made from a route template which template it was made from (Camel does not), so that a
 * reload that changes a template can make its routes again, also those that Java code made from it.
 */
final class TemplateOrigins {

    static final String PROPERTY = "routeTemplateId";

    private TemplateOrigins() {
    }

    /** Tags every route made from a template from now on; call before any route is made from one. */
    static void install(CamelContext camel) {
        camel.getCamelContextExtension().getContextPlugin(Model.class).addRouteTemplateDefinitionConverter("*",
                (template, parameters) -> template.asRouteDefinition().routeProperty(PROPERTY, template.getId()));
    }

    /** The template the route was made from, or null. */
    static String of(RouteDefinition route) {
        if (route.getRouteProperties() == null) {
            return null;
        }
        return route.getRouteProperties().stream()
                .filter(property -> PROPERTY.equals(property.getKey()))
                .map(PropertyDefinition::getValue)
                .findFirst().orElse(null);
    }
}
