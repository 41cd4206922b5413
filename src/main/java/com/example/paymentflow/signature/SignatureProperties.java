package com.example.paymentflow.signature;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The shared secrets PaymentFlow signs webhooks with. Several, comma-separated, while a secret is rotated.
 * The value is never logged, not even when it is invalid: only emptiness is validated here.
 */
@Validated
@ConfigurationProperties("paymentflow.signature")
public record SignatureProperties(
        @NotBlank(message = "WEBHOOK_SECRET is not set: give the signing secret of the PaymentFlow webhook endpoint "
                + "(several, comma-separated, while rotating)")
        String secrets) {

    @Override
    public String toString() {
        return "SignatureProperties[secrets=<hidden>]";
    }
}
