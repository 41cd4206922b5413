package com.example.paymentflow.routes;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.springboot.CamelRequestHandlerMapping;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.stereotype.Component;

/**
 * Unregisters the Spring MVC mapping of a platform-http route once the route is stopped or removed, so that its
 * path answers 404 (or is served by the route that replaced it) instead of reaching a stopped consumer. Camel 4.17's
 * platform-http starter leaves the mapping registered (fixed upstream in camel-spring-boot 4.22, commit bd1baf1);
 * remove this class when moving to a version with that fix.
 */
@Component
public class StoppedRouteMappings extends EventNotifierSupport implements CamelContextConfiguration {

    private final CamelRequestHandlerMapping mappings;

    public StoppedRouteMappings(CamelRequestHandlerMapping mappings) {
        this.mappings = mappings;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        camel.getManagementStrategy().addEventNotifier(this);
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        // registered before
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.RouteStoppedEvent || event instanceof CamelEvent.RouteRemovedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        // whichever route stopped: every mapping whose consumer no longer runs goes (a consumer is its handler)
        mappings.getHandlerMethods().forEach((mapping, handler) -> {
            if (handler.getBean() instanceof ServiceSupport consumer && consumer.isStoppingOrStopped()) {
                mappings.unregisterMapping(mapping);
            }
        });
    }
}
