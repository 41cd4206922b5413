package com.example.paymentflow.delivery;

import java.time.Duration;

/**
 * A destination's max-rate-per-second as a fixed window and the attempts it allows: {@code r} attempts in each
 * second for a rate of one a second or more (the fraction dropped), else one attempt in each {@code 1/r} seconds.
 * Windows start at multiples of their length since the epoch, by the database's clock, so that every instance
 * counts in the same ones.
 */
public record RateWindow(Duration length, int attempts) {

    public static RateWindow of(double perSecond) {
        return perSecond >= 1 ? new RateWindow(Duration.ofSeconds(1), (int) Math.floor(perSecond))
                : new RateWindow(Duration.ofMillis(Math.round(1000 / perSecond)), 1);
    }
}
