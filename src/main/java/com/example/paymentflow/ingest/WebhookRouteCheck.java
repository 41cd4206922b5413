package com.example.paymentflow.ingest;

import java.util.List;

import com.example.paymentflow.routes.RejectedRoutesException;
import com.example.paymentflow.routes.RouteSetCheck;
import org.apache.camel.model.RouteDefinition;
import org.springframework.stereotype.Component;

/**
 * The route that receives PaymentFlow's webhooks exists: without it every webhook would be answered 404 while the
 * service reports itself healthy, and PaymentFlow gives up on events after its retries.
 */
@Component
public class WebhookRouteCheck implements RouteSetCheck {

    public static final String WEBHOOK_ROUTE = "webhook-ingest";

    @Override
    public void check(List<RouteDefinition> routes) {
        if (routes.stream().noneMatch(route -> WEBHOOK_ROUTE.equals(route.getRouteId()))) {
            throw new RejectedRoutesException("No route " + WEBHOOK_ROUTE + ": PaymentFlow's webhooks would be "
                    + "answered 404 (routes/webhook-ingest.camel.yaml receives them)");
        }
    }
}
