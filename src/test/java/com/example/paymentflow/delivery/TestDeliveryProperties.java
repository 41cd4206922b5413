package com.example.paymentflow.delivery;

import java.time.Duration;
import java.util.Map;

/** Delivery settings for tests that build a delivery bean without a service: the defaults, with what they vary. */
final class TestDeliveryProperties {

    static final DeliveryProperties.Retry RETRY =
            new DeliveryProperties.Retry(Duration.ofSeconds(1), 2.0, Duration.ofHours(1), 0.2, 42);

    private TestDeliveryProperties() {
    }

    static DeliveryProperties with(Duration pollInterval, DeliveryProperties.Retry retry, double shareWhileReceiving) {
        return new DeliveryProperties(true, pollInterval, 8, Duration.ofMinutes(1), 4, Map.of(),
                new DeliveryProperties.CircuitBreaker(20, Duration.ofSeconds(1), Duration.ofMinutes(1)), retry,
                shareWhileReceiving);
    }
}
