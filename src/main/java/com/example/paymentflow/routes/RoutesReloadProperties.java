package com.example.paymentflow.routes;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Live reload of routes/ (config/application.yaml: paymentflow.routes.reload).
 *
 * @param enabled   whether edits of the route files take effect while the service runs
 * @param interval  how often the route files are read for changes; an edit is applied once it has stayed the same
 *                  for one interval, so that a file being written is never read half-way
 * @param maxHold   how long requests are held while an HTTP route is swapped, and in-flight requests are waited
 *                  for before it is; past it the swap goes ahead, and held requests are let through
 */
@Validated
@ConfigurationProperties("paymentflow.routes.reload")
public record RoutesReloadProperties(boolean enabled, @NotNull @DurationMin(millis = 1) Duration interval,
                                     @NotNull @DurationMin(millis = 1) Duration maxHold) {
}
