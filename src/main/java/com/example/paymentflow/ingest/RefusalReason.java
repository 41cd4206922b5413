package com.example.paymentflow.ingest;

import java.util.Locale;

import com.example.paymentflow.endpoint.EndpointDisabledException;
import com.example.paymentflow.event.MalformedEventException;
import com.example.paymentflow.signature.InvalidSignatureException;

/** Why a webhook was refused; {@link #tag()} is the {@code reason} tag of {@value WebhookOutcomes#REFUSALS}. */
public enum RefusalReason {
    SIGNATURE_MISSING, SIGNATURE_MALFORMED, SIGNATURE_MISMATCH, TIMESTAMP_OUT_OF_TOLERANCE,
    PAYLOAD_TOO_LARGE, BODY_TIMEOUT, UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED_CONTENT_ENCODING, MALFORMED_EVENT,
    ENDPOINT_DISABLED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason of a refusal the route threw, or null when the failure is not a refusal. */
    public static RefusalReason of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof InvalidSignatureException invalid) {
                return switch (invalid.reason()) {
                    case MISSING -> SIGNATURE_MISSING;
                    case MALFORMED -> SIGNATURE_MALFORMED;
                    case MISMATCH -> SIGNATURE_MISMATCH;
                    case TIMESTAMP_OUT_OF_TOLERANCE -> TIMESTAMP_OUT_OF_TOLERANCE;
                };
            }
            if (cause instanceof MalformedEventException) {
                return MALFORMED_EVENT;
            }
            if (cause instanceof EndpointDisabledException) {
                return ENDPOINT_DISABLED;
            }
        }
        return null;
    }
}
