package com.example.paymentflow.alerts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who is told when something goes wrong, and when that is (config/application.yaml, paymentflow.alerts).
 * Without e-mail recipients or a webhook, alerts are logged at ERROR only.
 */
@Validated
@ConfigurationProperties("paymentflow.alerts")
public record AlertProperties(
        List<@Email(message = "ALERT_EMAIL_TO has an entry that is not an e-mail address") String> emailTo,
        String emailFrom,
        @Pattern(regexp = "(https?://.+)?", message = "ALERT_WEBHOOK_URL is not an http(s) URL") String webhookUrl,
        String instance,
        @NotNull @DurationMin(millis = 1) Duration checkInterval,
        @Valid @NotNull SignatureRefusals signatureRefusals,
        @Valid @NotNull DeadDeliveries deadDeliveries,
        @Valid @NotNull FailingDestination failingDestination,
        @Valid @NotNull Backlog backlog,
        @Valid @NotNull DatabaseUnreachable databaseUnreachable,
        @Valid @NotNull Retry retry) {

    /** {@code threshold} refusals within {@code window}; a reminder at most every {@code repeatEvery} while it lasts. */
    public record SignatureRefusals(@Min(1) int threshold, @NotNull @DurationMin(millis = 1) Duration window,
                                    @NotNull @DurationMin(millis = 1) Duration repeatEvery) {
    }

    /** Deliveries that die within {@code groupWithin} of the first are named in one alert. */
    public record DeadDeliveries(@NotNull @DurationMin Duration groupWithin) {
    }

    /** A destination whose attempts fail, with no success for {@code after}. */
    public record FailingDestination(@NotNull @DurationMin Duration after) {
    }

    /** A due delivery that has waited longer than {@code oldestDueAfter}. */
    public record Backlog(@NotNull @DurationMin Duration oldestDueAfter) {
    }

    /** The database not reached for {@code after}. */
    public record DatabaseUnreachable(@NotNull @DurationMin Duration after) {
    }

    /** An alert that could not be sent is tried again after {@code initialDelay}, doubling up to {@code maxDelay}. */
    public record Retry(@NotNull @DurationMin(millis = 1) Duration initialDelay,
                        @NotNull @DurationMin(millis = 1) Duration maxDelay) {
    }

    public AlertProperties {
        emailTo = emailTo == null ? List.of() : emailTo.stream().filter(address -> !address.isBlank()).toList();
        instance = instance == null || instance.isBlank() ? hostName() : instance;
    }

    public boolean emails() {
        return !emailTo.isEmpty();
    }

    public boolean posts() {
        return webhookUrl != null && !webhookUrl.isBlank();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
