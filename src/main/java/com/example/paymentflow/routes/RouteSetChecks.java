package com.example.paymentflow.routes;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Applies every {@link RouteSetCheck} to the routes read at start-up, before any of them starts: a route set that
 * breaks one stops start-up with the check's message (file, line, what is wrong). So does a route naming a route
 * configuration that no file defines.
 */
@Component
@Order(0)
public class RouteSetChecks implements CamelContextConfiguration {

    private final List<RouteSetCheck> checks;

    public RouteSetChecks(List<RouteSetCheck> checks) {
        this.checks = checks;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        ModelCamelContext model = (ModelCamelContext) camelContext;
        var routes = List.copyOf(model.getRouteDefinitions());
        for (RouteSetCheck check : checks) {
            check.check(routes);
        }
        RouteSet.checkConfigurationsExist(routes, model.getRouteConfigurationDefinitions().stream()
                .map(RouteConfigurationDefinition::getId).filter(Objects::nonNull).collect(Collectors.toSet()));
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // checked before the start
    }
}
