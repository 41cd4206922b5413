package com.example.paymentflow.signature;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.example.paymentflow.support.WebhookClient;
import org.junit.jupiter.api.Test;

import static com.example.paymentflow.signature.PaymentflowSignatureSchemeTest.headers;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PaymentFlow-Signature: t=<unix seconds>,v1=<hex HMAC of "t." + body>[,v1=...], within the tolerance of now. */
class TimestampedSignatureSchemeTest {

    private static final long NOW = 1_764_320_000L;
    private static final byte[] BODY = "{\"id\":\"evt_1\",\"type\":\"payment.succeeded\"}".getBytes(UTF_8);

    private final SignatureScheme scheme = scheme("whsec_current,whsec_previous");

    private static SignatureScheme scheme(String secrets) {
        return SignatureConfiguration.create(new SignatureProperties(secrets,
                        SignatureProperties.SchemeName.TIMESTAMPED, Duration.ofSeconds(300)),
                Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    }

    static String v1(long timestamp, byte[] body, String secret) {
        return WebhookClient.sign(WebhookClient.concat((timestamp + ".").getBytes(UTF_8), body), secret);
    }

    @Test
    void acceptsTheHmacOfTimestampDotBody() {
        assertAccepted("t=" + NOW + ",v1=" + v1(NOW, BODY, "whsec_current"));
    }

    @Test
    void acceptsAnyOfSeveralSignaturesAndAnyConfiguredSecretAndIgnoresOtherSchemes() {
        String stale = v1(NOW, BODY, "whsec_retired");
        assertAccepted("t=" + NOW + ",v1=" + stale + ",v1=" + v1(NOW, BODY, "whsec_current"));
        assertAccepted("t=" + NOW + ",v0=" + stale + ",v1=" + v1(NOW, BODY, "whsec_previous"));
        assertAccepted("v1=" + v1(NOW, BODY, "whsec_current") + ", t=" + NOW);
    }

    @Test
    void acceptsTimestampsUpToTheToleranceInThePastAndTheFuture() {
        assertAccepted("t=" + (NOW - 300) + ",v1=" + v1(NOW - 300, BODY, "whsec_current"));
        assertAccepted("t=" + (NOW + 300) + ",v1=" + v1(NOW + 300, BODY, "whsec_current"));
    }

    @Test
    void refusesGenuineSignaturesWhoseTimestampIsBeyondTheTolerance() {
        for (long timestamp : new long[] {NOW - 301, NOW + 301, 0}) {
            assertRefused("t=" + timestamp + ",v1=" + v1(timestamp, BODY, "whsec_current"),
                    InvalidSignatureException.Reason.TIMESTAMP_OUT_OF_TOLERANCE);
        }
    }

    @Test
    void refusesATimestampChangedAfterSigning() {
        assertRefused("t=" + (NOW - 1) + ",v1=" + v1(NOW, BODY, "whsec_current"),
                InvalidSignatureException.Reason.MISMATCH);
    }

    @Test
    void refusesTheBareHexSchemeAndAnotherSecret() {
        assertRefused(WebhookClient.sign(BODY, "whsec_current"), InvalidSignatureException.Reason.MALFORMED);
        assertRefused("t=" + NOW + ",v1=" + v1(NOW, BODY, "whsec_forger"), InvalidSignatureException.Reason.MISMATCH);
    }

    @Test
    void refusesMissingAndMalformedHeaders() {
        String good = v1(NOW, BODY, "whsec_current");
        assertRefused(null, InvalidSignatureException.Reason.MISSING);
        assertRefused(" ", InvalidSignatureException.Reason.MISSING);
        assertRefused("v1=" + good, InvalidSignatureException.Reason.MALFORMED);
        assertRefused("t=" + NOW, InvalidSignatureException.Reason.MALFORMED);
        assertRefused("t=" + NOW + ",v0=" + good, InvalidSignatureException.Reason.MALFORMED);
        assertRefused("t=soon,v1=" + good, InvalidSignatureException.Reason.MALFORMED);
        assertRefused("t=-5,v1=" + good, InvalidSignatureException.Reason.MALFORMED);
        assertRefused("t=" + NOW + ",t=" + NOW + ",v1=" + good, InvalidSignatureException.Reason.MALFORMED);
        assertRefused("t=" + NOW + ",v1=" + good.substring(2), InvalidSignatureException.Reason.MALFORMED);
        assertRefused("t=" + NOW + ";v1=" + good, InvalidSignatureException.Reason.MALFORMED);
        assertRefused("t=" + NOW + ",v1=" + good + ",", InvalidSignatureException.Reason.MALFORMED);
    }

    private void assertAccepted(String header) {
        assertThatCode(() -> assertThat(scheme.verify(BODY, headers(Map.of(PaymentflowSignatureScheme.HEADER, header))))
                .isEqualTo(header)).doesNotThrowAnyException();
    }

    private void assertRefused(String header, InvalidSignatureException.Reason reason) {
        assertThatThrownBy(() -> scheme.verify(BODY,
                headers(header == null ? Map.of() : Map.of(PaymentflowSignatureScheme.HEADER, header))))
                .as(header)
                .isInstanceOfSatisfying(InvalidSignatureException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(reason));
    }
}
