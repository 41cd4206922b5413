package com.example.paymentflow.ingest;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where PaymentFlow posts webhooks, how large and how slow a body may be, how often refusals are summed up in the
 * log, and how many threads store the events that arrive together (and how many at most in one statement).
 */
@Validated
@ConfigurationProperties("paymentflow.webhook")
public record WebhookProperties(@NotBlank String path, @Positive int maxBodyBytes,
                                @NotNull @DurationMin(millis = 1) Duration bodyReadTimeout,
                                @NotNull @DurationMin(millis = 1) Duration refusalLogInterval,
                                @Positive int storeWriters, @Positive int storeBatchSize) {
}
