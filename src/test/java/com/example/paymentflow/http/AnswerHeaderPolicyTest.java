package com.example.paymentflow.http;

import java.util.Set;

import com.example.paymentflow.support.WebhookClient;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which headers cross platform-http: the allow-list out, and never an allowed name in. */
class AnswerHeaderPolicyTest {

    private final HeaderFilterStrategy policy = new AnswerHeaderPolicy.AllowedAnswerHeaders(Set.of("Retry-After"));

    @Test
    void aRouteMayAnswerWithAnAllowedHeaderInAnySpelling() {
        assertThat(policy.applyFilterToCamelHeaders("Retry-After", "120", null)).isFalse();
        assertThat(policy.applyFilterToCamelHeaders("retry-after", "120", null)).isFalse();
    }

    @Test
    void noOtherMessageHeaderBecomesAnAnswerHeader() {
        for (String header : new String[] {WebhookClient.SIGNATURE_HEADER, "X-Custom", "eventId", "CamelHttpResponseCode",
                "Set-Cookie", "Location"}) {
            assertThat(policy.applyFilterToCamelHeaders(header, "x", null)).as(header).isTrue();
        }
    }

    @Test
    void aRequestHeaderOfAnAllowedNameNeverReachesTheRouteSoItCannotBeEchoed() {
        assertThat(policy.applyFilterToExternalHeaders("Retry-After", "999", null)).isTrue();
        assertThat(policy.applyFilterToExternalHeaders("RETRY-AFTER", "999", null)).isTrue();
        assertThat(policy.applyFilterToExternalHeaders(WebhookClient.SIGNATURE_HEADER, "abc", null)).isFalse();
    }
}
