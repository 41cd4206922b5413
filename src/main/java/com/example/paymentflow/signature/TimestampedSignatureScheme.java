package com.example.paymentflow.signature;

import java.util.ArrayList;
import java.util.List;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * The timestamped scheme ({@code timestamped}, as Stripe signs): {@code PaymentFlow-Signature:
 * t=<unix seconds>,v1=<hex>[,v1=<hex>...]}, each v1 a hex HMAC-SHA256 of {@code "<t>." + raw body}. Several v1
 * values let the sender sign with an old and a new secret while rotating; other keys (such as v0) are ignored.
 * The signature is checked first and then the timestamp, so that "out of tolerance" always means a genuine
 * request that is too old or too new (a replay, or a clock far off), never a forgery.
 */
final class TimestampedSignatureScheme implements SignatureScheme {

    private final HmacKeys keys;
    private final SignatureTimestamps timestamps;

    TimestampedSignatureScheme(HmacKeys keys, SignatureTimestamps timestamps) {
        this.keys = keys;
        this.timestamps = timestamps;
    }

    @Override
    public String verify(byte[] body, WebhookHeaders headers) {
        String header = headers.get(PaymentflowSignatureScheme.HEADER);
        if (header == null || header.isBlank()) {
            throw new InvalidSignatureException(InvalidSignatureException.Reason.MISSING);
        }
        String timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String element : header.split(",", -1)) {
            int equals = element.indexOf('=');
            if (equals < 1) {
                throw new InvalidSignatureException(InvalidSignatureException.Reason.MALFORMED);
            }
            String key = element.substring(0, equals).trim();
            String value = element.substring(equals + 1).trim();
            if (key.equals("t")) {
                if (timestamp != null) {
                    throw new InvalidSignatureException(InvalidSignatureException.Reason.MALFORMED);
                }
                timestamp = value;
            } else if (key.equals("v1")) {
                signatures.add(PaymentflowSignatureScheme.hex(value));
            }
        }
        long signedAt = SignatureTimestamps.parse(timestamp);
        if (signatures.isEmpty()) {
            throw new InvalidSignatureException(InvalidSignatureException.Reason.MALFORMED);
        }
        if (!keys.anyMatches(signatures, (timestamp + ".").getBytes(US_ASCII), body)) {
            throw new InvalidSignatureException(InvalidSignatureException.Reason.MISMATCH);
        }
        timestamps.checkRecent(signedAt);
        return header;
    }
}
