package com.example.paymentflow.erp;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Where ERP-bound events are POSTed; used by the deliver-to-erp route as {@code {{paymentflow.erp.url}}}. */
@Validated
@ConfigurationProperties("paymentflow.erp")
public record ErpProperties(
        @NotBlank(message = ErpProperties.URL_MISSING)
        // a URL without a host (http:///erp) passes Camel at start-up and fails every delivery after it
        @Pattern(regexp = "https?://[^/?#\\s]+([/?#]\\S*)?", flags = Pattern.Flag.CASE_INSENSITIVE,
                message = "ERP_URL is not an http(s) URL with a host, such as https://erp.example/payment-events")
        String url) {

    public static final String URL_MISSING = "ERP_URL is not set: give the URL that ERP-bound payment events are "
            + "POSTed to";
}
