package com.example.paymentflow.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Secrets from files, as Docker and Kubernetes hand them to a container: for each secret setting, a variable of
 * the same name ending in {@code _FILE} names a file that holds the value (one trailing line break is not part of
 * it). Giving both the setting and its file stops start-up, as does a file that cannot be read or is empty. At
 * start-up one line per secret says where its value came from; the value itself is never logged.
 * <p>
 * Runs after the configuration files are loaded, and the values read take precedence over them.
 */
public class SecretFiles implements EnvironmentPostProcessor, Ordered {

    /** A secret setting: the variable operators set, and the property it feeds. */
    record Secret(String variable, String property) {

        String fileVariable() {
            return variable + "_FILE";
        }
    }

    static final List<Secret> SECRETS = List.of(
            new Secret("WEBHOOK_SECRET", "paymentflow.signature.secrets"),
            new Secret("SPRING_DATASOURCE_PASSWORD", "spring.datasource.password"),
            new Secret("SMTP_PASSWORD", "paymentflow.mail.password"),
            new Secret("MANAGEMENT_PASSWORD", "paymentflow.management.password"));

    static final String PROPERTY_SOURCE = "secretFiles";

    private final Log log;

    public SecretFiles(DeferredLogFactory logs) {
        this.log = logs.getLog(SecretFiles.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> fromFiles = new LinkedHashMap<>();
        for (Secret secret : SECRETS) {
            String file = environment.getProperty(secret.fileVariable());
            boolean setDirectly = hasText(environment.getProperty(secret.variable()));
            if (hasText(file)) {
                if (setDirectly) {
                    throw new IllegalStateException(secret.variable() + " and " + secret.fileVariable()
                            + " are both set: give the secret one way only");
                }
                fromFiles.put(secret.property(), read(secret, Path.of(file.trim())));
                log.info(secret.variable() + ": read from the file " + file.trim());
            } else if (setDirectly) {
                log.info(secret.variable() + ": from the setting " + secret.variable());
            } else if (hasText(environment.getProperty(secret.property()))) {
                log.info(secret.variable() + ": from the configuration (" + secret.property() + ")");
            } else {
                log.info(secret.variable() + ": not set");
            }
        }
        if (!fromFiles.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, fromFiles));
        }
    }

    private static String read(Secret secret, Path file) {
        String value;
        try {
            value = Files.readString(file, UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(secret.fileVariable() + " names " + file + ", which cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (value.endsWith("\n")) {
            value = value.substring(0, value.length() - (value.endsWith("\r\n") ? 2 : 1));
        }
        if (value.isBlank()) {
            throw new IllegalStateException(secret.fileVariable() + " names " + file + ", which is empty");
        }
        return value;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
