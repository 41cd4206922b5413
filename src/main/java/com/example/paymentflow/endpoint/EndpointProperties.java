package com.example.paymentflow.endpoint;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param refreshInterval   how often each instance reads the switch from the database (a change made on another
 *                          instance takes effect here within this time)
 * @param retryAfterSeconds the Retry-After of the 503 answered while the endpoint is disabled
 */
@Validated
@ConfigurationProperties("paymentflow.endpoint")
public record EndpointProperties(@NotNull @DurationMin(millis = 1) Duration refreshInterval,
                                 @Positive int retryAfterSeconds) {
}
