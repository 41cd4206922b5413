package com.example.paymentflow.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.example.paymentflow.signature.PaymentflowSignatureScheme;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static java.nio.charset.StandardCharsets.UTF_8;

/** PaymentFlow as the service sees it: signs raw bytes with HMAC-SHA256 and POSTs them. */
public final class WebhookClient {

    public static final String TEST_SECRET = "whsec_test_secret";
    public static final String SIGNATURE_HEADER = PaymentflowSignatureScheme.HEADER;
    public static final String PATH = "/webhooks/paymentflow";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String endpoint;
    private final String secret;

    public WebhookClient(String baseUrl) {
        this(baseUrl, TEST_SECRET);
    }

    public WebhookClient(String baseUrl, String secret) {
        this.endpoint = baseUrl + PATH;
        this.secret = secret;
    }

    public static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The bytes of a webhook POST over a kept-alive connection, for {@link RawHttpConnection}; null leaves a header
     * out.
     */
    public static byte[] rawPost(byte[] body, String signature, String contentType) {
        StringBuilder head = new StringBuilder("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (signature != null) {
            head.append(SIGNATURE_HEADER).append(": ").append(signature).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        return concat(head.toString().getBytes(UTF_8), body);
    }

    public static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    public HttpResponse<String> send(ObjectNode event) {
        return send(PaymentEvents.bytes(event));
    }

    public HttpResponse<String> send(byte[] body) {
        return post(body, sign(body, secret), "application/json");
    }

    public HttpResponse<String> post(byte[] body, String signature, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(SIGNATURE_HEADER, signature);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return execute(request.build());
    }

    public HttpResponse<String> execute(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("POST to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String endpoint() {
        return endpoint;
    }

    public String secret() {
        return secret;
    }
}
