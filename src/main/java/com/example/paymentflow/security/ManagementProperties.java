package com.example.paymentflow.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The operator account of the management endpoints (replay API, metrics, console). No password: locked. */
@Validated
@ConfigurationProperties("paymentflow.management")
public record ManagementProperties(@NotBlank String username, String password) {

    public boolean isEnabled() {
        return password != null && !password.isBlank();
    }

    @Override
    public String toString() {
        return "ManagementProperties[username=" + username + ", password=<hidden>]";
    }
}
