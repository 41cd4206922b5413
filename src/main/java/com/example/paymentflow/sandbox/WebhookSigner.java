package com.example.paymentflow.sandbox;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.example.paymentflow.signature.PaymentflowSignatureScheme;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Signs a webhook body as PaymentFlow does: the headers to send with exactly these bytes. The {@code paymentflow}
 * scheme is the lowercase hex HMAC-SHA256 of the raw body in {@code PaymentFlow-Signature}; other schemes would be
 * further factory methods returning their own headers.
 */
public final class WebhookSigner {

    private final SecretKeySpec key;

    private WebhookSigner(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256");
    }

    public static WebhookSigner paymentflow(String secret) {
        return new WebhookSigner(secret);
    }

    public Map<String, String> headersFor(byte[] body) {
        return Map.of(PaymentflowSignatureScheme.HEADER, hexHmac(body));
    }

    private String hexHmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
