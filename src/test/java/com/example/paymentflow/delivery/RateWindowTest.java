package com.example.paymentflow.delivery;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateWindowTest {

    @Test
    void aRateOfOneASecondOrMoreAllowsItsWholeAttemptsInEachSecond() {
        assertThat(RateWindow.of(4)).isEqualTo(new RateWindow(Duration.ofSeconds(1), 4));
        assertThat(RateWindow.of(2.5)).isEqualTo(new RateWindow(Duration.ofSeconds(1), 2));
        assertThat(RateWindow.of(1)).isEqualTo(new RateWindow(Duration.ofSeconds(1), 1));
    }

    @Test
    void aRateBelowOneASecondAllowsOneAttemptInEachOneOverRateSeconds() {
        assertThat(RateWindow.of(0.5)).isEqualTo(new RateWindow(Duration.ofSeconds(2), 1));
        assertThat(RateWindow.of(0.1)).isEqualTo(new RateWindow(Duration.ofSeconds(10), 1));
    }
}
