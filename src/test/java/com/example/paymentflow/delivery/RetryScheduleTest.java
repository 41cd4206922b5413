package com.example.paymentflow.delivery;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {

    @Test
    void waitsGrowExponentiallyWithinTheJitterAndStopAtTheCap() {
        RetrySchedule schedule = new RetrySchedule(properties(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(5), 0.2, 10));

        for (int i = 0; i < 200; i++) {
            assertThat(schedule.delayAfter(1)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
            assertThat(schedule.delayAfter(3)).isBetween(Duration.ofSeconds(32), Duration.ofSeconds(48));
            assertThat(schedule.delayAfter(9)).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));
        }
    }

    @Test
    void jitterSpreadsTheWaits() {
        RetrySchedule schedule = new RetrySchedule(properties(Duration.ofSeconds(10), 2.0, Duration.ofHours(1), 0.2, 10));

        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> schedule.delayAfter(2)).distinct().count())
                .isGreaterThan(1);
    }

    @Test
    void waitsAtLeastWhatTheDestinationAskedForButNoLongerThanTheCap() {
        RetrySchedule schedule = new RetrySchedule(properties(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0, 10));

        assertThat(schedule.delayAfter(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(schedule.delayAfter(1, Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.delayAfter(4, Duration.ofSeconds(2))).as("the backoff is longer").isEqualTo(Duration.ofSeconds(8));
        assertThat(schedule.delayAfter(1, Duration.ofDays(2))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        RetrySchedule schedule = new RetrySchedule(properties(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5), 0, 3));

        assertThat(schedule.isExhausted(2)).isFalse();
        assertThat(schedule.isExhausted(3)).isTrue();
    }

    @Test
    void theShippedDefaultsKeepRetryingForAtLeastADay() throws IOException {
        DeliveryProperties defaults = shippedDefaults();
        DeliveryProperties.Retry retry = defaults.retry();
        RetrySchedule schedule = new RetrySchedule(defaults);

        // the shortest the whole schedule can be: every wait at its lowest jitter
        Duration shortest = Duration.ZERO;
        for (int attempt = 1; attempt < retry.maxAttempts(); attempt++) {
            double nominal = Math.min(retry.initialDelay().toMillis() * Math.pow(retry.multiplier(), attempt - 1),
                    retry.maxDelay().toMillis());
            shortest = shortest.plusMillis((long) (nominal * (1 - retry.jitter())));
            assertThat(schedule.isExhausted(attempt)).isFalse();
        }
        assertThat(schedule.isExhausted(retry.maxAttempts())).isTrue();
        assertThat(shortest).isGreaterThanOrEqualTo(Duration.ofHours(24));
    }

    private static DeliveryProperties shippedDefaults() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application", new FileSystemResource(Path.of("config/application.yaml")))
                .forEach(environment.getPropertySources()::addLast);
        return new Binder(ConfigurationPropertySources.from(environment.getPropertySources()))
                .bind("paymentflow.delivery", DeliveryProperties.class).get();
    }

    private static DeliveryProperties properties(Duration initial, double multiplier, Duration max, double jitter,
                                                 int attempts) {
        return TestDeliveryProperties.with(Duration.ofMillis(500),
                new DeliveryProperties.Retry(initial, multiplier, max, jitter, attempts), 1.0);
    }
}
