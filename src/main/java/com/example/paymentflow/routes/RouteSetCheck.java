package com.example.paymentflow.routes;

import java.util.List;

import org.apache.camel.model.RouteDefinition;

/**
 * A rule that the whole set of routes must satisfy, checked at start-up and before a live reload is applied: a
 * set that breaks it is refused whole.
 */
public interface RouteSetCheck {

    /**
     * @param routes every route the service would run, as read from routes/ (templated routes included)
     * @throws RejectedRoutesException naming the file, the line where practical, and what is wrong
     */
    void check(List<RouteDefinition> routes);
}
