package com.example.paymentflow.http;

import java.util.Set;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Rules of every HTTP route (docs/http-rules.md).
 *
 * @param answerHeaders  message headers a route may turn into answer headers (e.g. Retry-After); no others
 * @param maxHeaderCount most request headers a request may have (400 beyond)
 */
@Validated
@ConfigurationProperties("paymentflow.http")
public record HttpProperties(@NotNull Set<String> answerHeaders, @Positive int maxHeaderCount) {
}
