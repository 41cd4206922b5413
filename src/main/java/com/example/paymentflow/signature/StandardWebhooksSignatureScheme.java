package com.example.paymentflow.signature;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The Standard Webhooks scheme ({@code standard-webhooks}, https://www.standardwebhooks.com): headers
 * {@code webhook-id}, {@code webhook-timestamp} (unix seconds) and {@code webhook-signature}, a space-separated
 * list of {@code v1,<base64 HMAC-SHA256>} of {@code "<id>.<timestamp>.<raw body>"}. The key is the base64 after
 * the secret's {@code whsec_} prefix. Signatures of other versions (v1a, v2...) are ignored. As in the timestamped
 * scheme, the signature is checked before the timestamp.
 */
final class StandardWebhooksSignatureScheme implements SignatureScheme {

    static final String ID_HEADER = "webhook-id";
    static final String TIMESTAMP_HEADER = "webhook-timestamp";
    static final String SIGNATURE_HEADER = "webhook-signature";
    private static final String SECRET_PREFIX = "whsec_";

    private final HmacKeys keys;
    private final SignatureTimestamps timestamps;

    StandardWebhooksSignatureScheme(HmacKeys keys, SignatureTimestamps timestamps) {
        this.keys = keys;
        this.timestamps = timestamps;
    }

    /** The key of a {@code whsec_<base64>} secret (the prefix is optional, as in the specification's libraries). */
    static byte[] key(String secret, int position) {
        String base64 = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            byte[] key = Base64.getDecoder().decode(base64);
            if (key.length > 0) {
                return key;
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below, without the secret
        }
        throw new IllegalStateException("WEBHOOK_SECRET: secret " + position + " is not whsec_ followed by base64, as "
                + "the standard-webhooks scheme needs (the value is not shown)");
    }

    @Override
    public String verify(byte[] body, WebhookHeaders headers) {
        String id = headers.get(ID_HEADER);
        String timestamp = headers.get(TIMESTAMP_HEADER);
        String header = headers.get(SIGNATURE_HEADER);
        if (isBlank(id) || isBlank(timestamp) || isBlank(header)) {
            throw new InvalidSignatureException(InvalidSignatureException.Reason.MISSING);
        }
        long signedAt = SignatureTimestamps.parse(timestamp.trim());
        List<byte[]> signatures = new ArrayList<>();
        // any signature of the header may be the one: an entry that is not one (not base64, not 32 bytes) is
        // passed over like an unknown version, and the header is malformed only when no entry is a signature
        for (String element : header.trim().split(" +")) {
            if (element.startsWith("v1,")) {
                base64(element.substring(3)).ifPresent(signatures::add);
            }
        }
        if (signatures.isEmpty()) {
            throw new InvalidSignatureException(InvalidSignatureException.Reason.MALFORMED);
        }
        if (!keys.anyMatches(signatures, (id + "." + timestamp.trim() + ".").getBytes(UTF_8), body)) {
            throw new InvalidSignatureException(InvalidSignatureException.Reason.MISMATCH);
        }
        timestamps.checkRecent(signedAt);
        return header;
    }

    private static Optional<byte[]> base64(String text) {
        try {
            byte[] signature = Base64.getDecoder().decode(text);
            return signature.length == HmacKeys.SIGNATURE_BYTES ? Optional.of(signature) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
