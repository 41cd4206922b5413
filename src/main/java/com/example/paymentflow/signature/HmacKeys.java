package com.example.paymentflow.signature;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 keys of the configured secrets, and the one comparison every scheme makes: is any presented
 * signature the HMAC of the content under any key? Every key and every presented signature is tried, in constant
 * time each, so that the time taken tells neither which secret matched nor how much of a signature was right.
 */
final class HmacKeys {

    static final String ALGORITHM = "HmacSHA256";
    static final int SIGNATURE_BYTES = 32;

    private final List<SecretKeySpec> keys;

    HmacKeys(List<byte[]> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalStateException("WEBHOOK_SECRET holds no secret: give at least one, comma-separated");
        }
        this.keys = secrets.stream().map(secret -> new SecretKeySpec(secret, ALGORITHM)).toList();
    }

    /** @param content the signed content, in parts (e.g. a timestamp prefix and the body), hashed in order */
    boolean anyMatches(List<byte[]> presented, byte[]... content) {
        boolean genuine = false;
        for (SecretKeySpec key : keys) {
            byte[] expected = hmac(key, content);
            for (byte[] signature : presented) {
                genuine |= MessageDigest.isEqual(expected, signature);
            }
        }
        return genuine;
    }

    private static byte[] hmac(SecretKeySpec key, byte[]... content) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            for (byte[] part : content) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
