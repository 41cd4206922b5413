package com.example.paymentflow.retention;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long delivered events, their attempt log and their idempotency keys are kept ({@code paymentflow.retention}),
 * which is also the de-duplication window, and how the purge goes about it ({@code paymentflow.purge.*}).
 */
@Validated
@ConfigurationProperties("paymentflow")
public record RetentionProperties(@NotNull @DurationMin(days = 1) Duration retention, @NotNull @Valid Purge purge) {

    /** A batch of at most {@code batchSize} events every {@code interval}. */
    public record Purge(@NotNull @DurationMin(millis = 1) Duration interval, @Min(1) int batchSize) {
    }
}
