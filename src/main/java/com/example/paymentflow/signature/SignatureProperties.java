package com.example.paymentflow.signature;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * How PaymentFlow signs webhooks: the scheme, the shared secrets (several, comma-separated, while a secret is
 * rotated) and, for the timestamped schemes, how far a signature's timestamp may be from now. The secrets are
 * never logged, not even when they are invalid: only emptiness is validated here.
 */
@Validated
@ConfigurationProperties("paymentflow.signature")
public record SignatureProperties(
        @NotBlank(message = SignatureProperties.SECRETS_MISSING)
        String secrets,
        @NotNull(message = "WEBHOOK_SIGNATURE_SCHEME is not set: paymentflow, timestamped or standard-webhooks")
        SchemeName scheme,
        @NotNull @DurationMin(seconds = 1) @DurationUnit(java.time.temporal.ChronoUnit.SECONDS) Duration tolerance) {

    public static final String SECRETS_MISSING = "WEBHOOK_SECRET is not set: give the signing secret of the "
            + "PaymentFlow webhook endpoint (several, comma-separated, while rotating), or WEBHOOK_SECRET_FILE naming a "
            + "file that holds it";

    public enum SchemeName { PAYMENTFLOW, TIMESTAMPED, STANDARD_WEBHOOKS }

    @Override
    public String toString() {
        return "SignatureProperties[secrets=<hidden>, scheme=" + scheme + ", tolerance=" + tolerance + "]";
    }
}
