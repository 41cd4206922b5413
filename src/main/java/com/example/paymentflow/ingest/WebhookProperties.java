package com.example.paymentflow.ingest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Where PaymentFlow posts webhooks and how large a body may be. */
@Validated
@ConfigurationProperties("paymentflow.webhook")
public record WebhookProperties(@NotBlank String path, @Positive int maxBodyBytes) {
}
