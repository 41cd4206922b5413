package com.example.paymentflow.routes;

import java.util.List;

import jakarta.servlet.DispatcherType;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Live reload of routes/, on unless paymentflow.routes.reload.enabled is false (ROUTES_RELOAD_ENABLED=false).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "paymentflow.routes.reload.enabled", havingValue = "true", matchIfMissing = true)
public class RoutesReloadConfiguration {

    @Bean
    SwapGate swapGate(RoutesReloadProperties properties, WebEndpointProperties actuator) {
        return new SwapGate(properties.maxHold(), actuator.getBasePath());
    }

    @Bean
    FilterRegistrationBean<SwapGate> swapGateFilter(SwapGate gate) {
        FilterRegistrationBean<SwapGate> registration = new FilterRegistrationBean<>(gate);
        // before anything else, security included: a held request has not been looked at yet
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setAsyncSupported(true);
        return registration;
    }

    @Bean(destroyMethod = "close")
    RoutesReloader routesReloader(CamelContext camel, SwapGate gate, RouteChanges changes,
                                  List<RouteSetCheck> checks, RoutesReloadProperties properties,
                                  @Value("${camel.main.routes-include-pattern:}") String includePattern) {
        // before Camel makes any route from a template at start-up
        TemplateOrigins.install(camel);
        return new RoutesReloader(camel, RouteFiles.of(includePattern), checks, gate, changes,
                properties.interval());
    }
}
