package com.example.paymentflow.signature;

import java.time.Clock;
import java.time.Duration;

/** The replay window of the timestamped schemes: a signed timestamp at most the tolerance before or after now. */
final class SignatureTimestamps {

    private static final int MAX_DIGITS = 12;

    private final Clock clock;
    private final long toleranceSeconds;

    SignatureTimestamps(Clock clock, Duration tolerance) {
        this.clock = clock;
        this.toleranceSeconds = tolerance.toSeconds();
    }

    /** Unix seconds, as the schemes write them: digits only. */
    static long parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidSignatureException(InvalidSignatureException.Reason.MALFORMED);
        }
        return Long.parseLong(text);
    }

    /** @throws InvalidSignatureException (timestamp out of tolerance) when too far in the past or the future */
    void checkRecent(long unixSeconds) {
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - unixSeconds) > toleranceSeconds) {
            throw new InvalidSignatureException(InvalidSignatureException.Reason.TIMESTAMP_OUT_OF_TOLERANCE);
        }
    }
}
