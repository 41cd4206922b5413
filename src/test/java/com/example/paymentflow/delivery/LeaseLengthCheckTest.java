package com.example.paymentflow.delivery;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseLengthCheckTest {

    @Test
    void aLeaseNoLongerThanTheSlowestAttemptIsWarnedOf() {
        assertThat(LeaseLengthCheck.warning(Duration.ofSeconds(10), Duration.ofSeconds(35), Duration.ofSeconds(30)))
                .hasValueSatisfying(warning -> assertThat(warning).startsWith(
                        "paymentflow.delivery.lease (10000 ms) is not longer than an attempt may take (35000 ms"));
        assertThat(LeaseLengthCheck.warning(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30)))
                .as("the mail timeout").isPresent();
    }

    @Test
    void theShippedLeaseOutlastsTheShippedTimeouts() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application", new FileSystemResource(Path.of("config/application.yaml")))
                .forEach(environment.getPropertySources()::addLast);
        Binder settings = new Binder(ConfigurationPropertySources.from(environment.getPropertySources()));
        Duration http = Duration.ofMillis(settings.bind("camel.component.http.connect-timeout", Long.class).get()
                + settings.bind("camel.component.http.response-timeout", Long.class).get());

        assertThat(LeaseLengthCheck.warning(settings.bind("paymentflow.delivery.lease", Duration.class).get(), http,
                settings.bind("paymentflow.mail.timeout", Duration.class).get())).isEmpty();
    }
}
