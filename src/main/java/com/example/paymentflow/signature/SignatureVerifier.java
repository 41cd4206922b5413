package com.example.paymentflow.signature;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Checks that a signature is the lowercase hex HMAC-SHA256 of the exact raw body under one of the configured
 * secrets. Works on bytes only: the body is never decoded or re-serialised before the check.
 */
@Component
public class SignatureVerifier {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int SIGNATURE_BYTES = 32;

    private final List<SecretKeySpec> keys;

    public SignatureVerifier(SignatureProperties properties) {
        this.keys = Arrays.stream(properties.secrets().split(","))
                .map(String::trim)
                .filter(secret -> !secret.isEmpty())
                .map(secret -> new SecretKeySpec(secret.getBytes(UTF_8), ALGORITHM))
                .toList();
        if (keys.isEmpty()) {
            throw new IllegalStateException("WEBHOOK_SECRET holds no secret: give at least one, comma-separated");
        }
    }

    /** @throws InvalidSignatureException unless the signature matches the body under one of the secrets */
    public void verify(byte[] body, String signature) {
        byte[] presented = decode(signature);
        boolean genuine = false;
        for (SecretKeySpec key : keys) {
            // every key is tried, so that the time taken does not tell which secret matched
            genuine |= MessageDigest.isEqual(hmac(key, body), presented);
        }
        if (!genuine) {
            throw new InvalidSignatureException(InvalidSignatureException.Reason.MISMATCH);
        }
    }

    private static byte[] decode(String signature) {
        if (signature == null || signature.isBlank()) {
            throw new InvalidSignatureException(InvalidSignatureException.Reason.MISSING);
        }
        String hex = signature.trim();
        if (hex.length() != SIGNATURE_BYTES * 2) {
            throw new InvalidSignatureException(InvalidSignatureException.Reason.MALFORMED);
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException notHex) {
            throw new InvalidSignatureException(InvalidSignatureException.Reason.MALFORMED);
        }
    }

    private static byte[] hmac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
