package com.example.paymentflow.database;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Where the embedded PostgreSQL keeps its data when no external database is configured. */
@Validated
@ConfigurationProperties("paymentflow.embedded-postgres")
public record EmbeddedPostgresProperties(@NotBlank String dataDirectory) {
}
