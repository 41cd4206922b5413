package com.example.paymentflow.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A URL in a log line keeps its host, never a path, query or user info that may carry a credential. */
class RedactedUrlsTest {

    @Test
    void aUrlIsCutToItsSchemeHostAndPort() {
        assertThat(RedactedUrls.in("HTTP operation failed invoking "
                + "https://hooks.example.com:8443/services/T0SECRET/B0SECRET/xoxTOKEN with statusCode: 400"))
                .isEqualTo("HTTP operation failed invoking https://hooks.example.com:8443/... with statusCode: 400");
        assertThat(RedactedUrls.in("Failed to resolve endpoint: http://erp.example/book?token=abc&x=1 due to: x"))
                .isEqualTo("Failed to resolve endpoint: http://erp.example/... due to: x");
        assertThat(RedactedUrls.in("Connect to http://mailer:Pa55@127.0.0.1:9090 failed"))
                .isEqualTo("Connect to http://127.0.0.1:9090 failed");
        assertThat(RedactedUrls.in("two: http://a.example/x and jdbc:postgresql://db:5432/pay?password=p"))
                .isEqualTo("two: http://a.example/... and jdbc:postgresql://db:5432/...");
        assertThat(RedactedUrls.in("not found: 'http://a.example/x/T0SECRET', (see http://a.example:80).")).isEqualTo(
                "not found: 'http://a.example/...', (see http://a.example:80).");
    }

    @Test
    void aTextWithoutUrlsIsUnchanged() {
        assertThat(RedactedUrls.in("Connection refused")).isEqualTo("Connection refused");
        assertThat(RedactedUrls.in(null)).isNull();
    }
}
