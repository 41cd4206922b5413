package com.example.paymentflow.erp;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Where ERP-bound events are POSTed; used by the deliver-to-erp route as {@code {{paymentflow.erp.url}}}. */
@Validated
@ConfigurationProperties("paymentflow.erp")
public record ErpProperties(
        @NotBlank(message = "ERP_URL is not set: give the URL that ERP-bound payment events are POSTed to")
        String url) {
}
