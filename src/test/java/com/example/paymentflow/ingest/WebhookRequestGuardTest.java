package com.example.paymentflow.ingest;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The body's timeout must end before the container's idle timeout, or a stalled body never gets its 408. */
class WebhookRequestGuardTest {

    @Test
    void aBodyTimeoutNotTwoSecondsBelowTheContainersIdleTimeoutStopsTheStartWithBothSettingsNamed() {
        assertThatThrownBy(() -> WebhookRequestGuard.requireBelowIdleTimeout(Duration.ofSeconds(10),
                Duration.ofSeconds(11)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("paymentflow.webhook.body-read-timeout (10000 ms)")
                .hasMessageContaining("server.tomcat.connection-timeout (11000 ms)");
    }

    @Test
    void aBodyTimeoutTwoSecondsBelowIsTakenAndSoIsAnyBelowTomcatsDefaultWhenNoneIsSet() {
        assertThatCode(() -> WebhookRequestGuard.requireBelowIdleTimeout(Duration.ofSeconds(8),
                Duration.ofSeconds(10))).doesNotThrowAnyException();
        assertThatCode(() -> WebhookRequestGuard.requireBelowIdleTimeout(Duration.ofSeconds(30), null))
                .doesNotThrowAnyException();
    }
}
