package com.example.paymentflow.signature;

/** A webhook whose signature does not prove that PaymentFlow sent exactly these bytes. */
public class InvalidSignatureException extends RuntimeException {

    public enum Reason {
        MISSING("missing"), MALFORMED("malformed"), MISMATCH("mismatching");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Reason reason;

    public InvalidSignatureException(Reason reason) {
        super("Invalid signature (" + reason.label() + ")");
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
