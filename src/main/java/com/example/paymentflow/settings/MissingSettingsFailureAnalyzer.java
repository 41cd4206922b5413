package com.example.paymentflow.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.paymentflow.email.MailProperties;
import com.example.paymentflow.erp.ErpProperties;
import com.example.paymentflow.signature.SignatureProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Start-up stopped for a required setting that is not set: every required setting that is not set is named at once,
 * where Spring names those of the first group it binds, so that a first start without settings takes one round of
 * corrections, not one per group.
 */
// before Spring's report of a validation failure, which would name only the first group
@Order(Ordered.HIGHEST_PRECEDENCE)
public class MissingSettingsFailureAnalyzer implements FailureAnalyzer {

    /** setting → what its validation says when it is empty */
    private static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("paymentflow.signature.secrets", SignatureProperties.SECRETS_MISSING);
        REQUIRED.put("paymentflow.erp.url", ErpProperties.URL_MISSING);
        REQUIRED.put("paymentflow.mail.host", MailProperties.HOST_MISSING);
        REQUIRED.put("paymentflow.mail.from", MailProperties.FROM_MISSING);
    }

    private final Environment environment;

    public MissingSettingsFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        if (environment == null || !causedByBindValidation(failure)) {
            return null;
        }
        List<String> missing = REQUIRED.entrySet().stream()
                .filter(setting -> isBlank(environment.getProperty(setting.getKey())))
                .map(Map.Entry::getValue).toList();
        if (missing.isEmpty()) {
            // another setting is invalid: Spring's own report names it
            return null;
        }
        return new FailureAnalysis(missing.size() == 1 ? missing.get(0)
                : "Required settings are not set:\n- " + String.join("\n- ", missing),
                "Give them as environment variables (README.md, Settings), or run the demo with the dev profile "
                        + "(--spring.profiles.active=dev), which supplies them.", failure);
    }

    private static boolean causedByBindValidation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BindValidationException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
