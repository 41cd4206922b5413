package com.example.paymentflow.routes;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code routes} in /actuator/health: whether live reload is on, the last edit applied and the last one refused
 * (file, line, column, reason). Always UP: a refused edit leaves the running routes serving, so the service stays
 * ready; an engineer reads the details (with the operator's credentials).
 */
@Component
public class RoutesHealthIndicator implements HealthIndicator {

    private final ObjectProvider<RoutesReloader> reloader;

    public RoutesHealthIndicator(ObjectProvider<RoutesReloader> reloader) {
        this.reloader = reloader;
    }

    @Override
    public Health health() {
        RoutesReloader running = reloader.getIfAvailable();
        if (running == null) {
            return Health.up().withDetail("reload", "off").build();
        }
        RoutesReloader.Status status = running.status();
        Health.Builder health = Health.up().withDetail("reload", "on").withDetail("watching", status.watching());
        if (status.lastApplied() != null) {
            health.withDetail("lastApplied", Map.of("at", status.lastApplied().at().toString(),
                    "files", status.lastApplied().files()));
        }
        RoutesReloader.Refused refused = status.lastRefusedEdit();
        if (refused != null) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("file", refused.file());
            if (refused.line() > 0) {
                details.put("line", refused.line());
            }
            if (refused.column() > 0) {
                details.put("column", refused.column());
            }
            details.put("reason", refused.reason());
            details.put("at", refused.at().toString());
            health.withDetail("lastRefusedEdit", details);
        }
        return health.build();
    }
}
