package com.example.paymentflow.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times and durations as alerts write them: "2026-11-28T10:15:31Z", "10 minutes", "1 hour 5 minutes". */
final class Wording {

    private Wording() {
    }

    /** To the second, in UTC. */
    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        StringBuilder words = new StringBuilder();
        append(words, hours, "hour");
        append(words, minutes, "minute");
        if (hours == 0 && (minutes == 0 || rest > 0)) {
            append(words, rest, "second");
        }
        return words.length() == 0 ? "0 seconds" : words.toString();
    }

    private static void append(StringBuilder words, long amount, String unit) {
        if (amount > 0) {
            words.append(words.length() == 0 ? "" : " ").append(amount).append(' ').append(unit)
                    .append(amount == 1 ? "" : "s");
        }
    }
}
