package com.example.paymentflow.routes;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Applies every {@link RouteSetCheck} to the routes read at start-up, before any of them starts: a route set that
 * breaks one stops start-up with the check's message (file, line, what is wrong).
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
        var routes = List.copyOf(((ModelCamelContext) camelContext).getRouteDefinitions());
        for (RouteSetCheck check : checks) {
            check.check(routes);
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // checked before the start
    }
}
