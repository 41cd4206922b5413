package com.example.paymentflow.email;

import java.time.Duration;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The mail server customer e-mails are sent through, its login and whether the connection must be TLS, the sender
 * address, and how long to wait for the server.
 */
@Validated
@ConfigurationProperties("paymentflow.mail")
public record MailProperties(
        @NotBlank(message = MailProperties.HOST_MISSING)
        String host,
        @Min(1) @Max(65535) int port,
        String username,
        String password,
        @NotBlank(message = MailProperties.FROM_MISSING)
        @Email(message = "EMAIL_FROM is not an e-mail address")
        String from,
        @NotNull @DurationMin(millis = 1) Duration timeout,
        @NotNull StartTls starttls) {

    public static final String HOST_MISSING = "SMTP_HOST is not set: give the mail server that customer e-mails are "
            + "sent through";
    public static final String FROM_MISSING = "EMAIL_FROM is not set: give the sender address of customer e-mails";

    /** Whether the connection to the mail server is upgraded to TLS (STARTTLS) before anything is sent. */
    public enum StartTls {
        /** upgraded when the server offers it, else sent as before (a server that offers it must have a trusted certificate) */
        WHEN_OFFERED,
        /** nothing is sent, no login and no mail, to a server that does not offer it (or to a man in the middle who strips the offer) */
        REQUIRED,
        OFF
    }

    public boolean hasLogin() {
        return username != null && !username.isBlank();
    }

    @Override
    public String toString() {
        return "MailProperties[host=" + host + ", port=" + port + ", username=" + username + ", password=<hidden>]";
    }
}
