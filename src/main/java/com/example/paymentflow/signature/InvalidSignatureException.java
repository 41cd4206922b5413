package com.example.paymentflow.signature;

/**
 * A webhook whose signature does not prove that PaymentFlow sent exactly these bytes, recently. An expected
 * refusal, thrown for every forged request: it carries no stack trace, so that refusing costs no more than the
 * check itself.
 */
public class InvalidSignatureException extends RuntimeException {

    public enum Reason {
        /** no signature header (or, for Standard Webhooks, no id or timestamp header) */
        MISSING,
        /** a header that is not of the scheme's form */
        MALFORMED,
        /** well-formed, but made with none of the configured secrets over these bytes */
        MISMATCH,
        /** genuine, but its timestamp is further from now than the tolerance: a replay, or a clock far off */
        TIMESTAMP_OUT_OF_TOLERANCE
    }

    private final Reason reason;

    public InvalidSignatureException(Reason reason) {
        super("Invalid signature (" + reason.name().toLowerCase(java.util.Locale.ROOT) + ")", null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
