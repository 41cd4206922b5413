package com.example.paymentflow.signature;

import java.util.HexFormat;
import java.util.List;

/**
 * PaymentFlow's documented scheme ({@code paymentflow}): {@code PaymentFlow-Signature} is the hex HMAC-SHA256 of
 * the exact raw body. It carries no timestamp, so a captured request can be replayed; the event id's idempotency
 * key makes a replay harmless ("Event already processed").
 */
public final class PaymentflowSignatureScheme implements SignatureScheme {

    /** The signature header of the paymentflow and timestamped schemes: the one place it is named. */
    public static final String HEADER = "PaymentFlow-Signature";

    private final HmacKeys keys;

    PaymentflowSignatureScheme(HmacKeys keys) {
        this.keys = keys;
    }

    @Override
    public String verify(byte[] body, WebhookHeaders headers) {
        String signature = headers.get(HEADER);
        if (signature == null || signature.isBlank()) {
            throw new InvalidSignatureException(InvalidSignatureException.Reason.MISSING);
        }
        if (!keys.anyMatches(List.of(hex(signature.trim())), body)) {
            throw new InvalidSignatureException(InvalidSignatureException.Reason.MISMATCH);
        }
        return signature;
    }

    /** A hex HMAC-SHA256, either case. */
    static byte[] hex(String text) {
        if (text.length() != HmacKeys.SIGNATURE_BYTES * 2) {
            throw new InvalidSignatureException(InvalidSignatureException.Reason.MALFORMED);
        }
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException notHex) {
            throw new InvalidSignatureException(InvalidSignatureException.Reason.MALFORMED);
        }
    }
}
