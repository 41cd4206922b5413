package com.example.paymentflow.signature;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static com.example.paymentflow.signature.PaymentflowSignatureSchemeTest.headers;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Standard Webhooks (https://www.standardwebhooks.com), checked against the vector its specification's libraries
 * publish (libraries/javascript/src/webhook.test.ts, "sign function works") and the cases they test.
 */
class StandardWebhooksSignatureSchemeTest {

    // the published vector
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final byte[] PAYLOAD = "{\"test\": 2432232314}".getBytes(UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static SignatureScheme scheme(String secrets, long now) {
        return SignatureConfiguration.create(new SignatureProperties(secrets,
                        SignatureProperties.SchemeName.STANDARD_WEBHOOKS, Duration.ofSeconds(300)),
                Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC));
    }

    private static Map<String, String> vectorHeaders() {
        Map<String, String> headers = new HashMap<>();
        headers.put("webhook-id", MSG_ID);
        headers.put("webhook-timestamp", String.valueOf(TIMESTAMP));
        headers.put("webhook-signature", SIGNATURE);
        return headers;
    }

    @Test
    void acceptsThePublishedVector() {
        assertThat(scheme(SECRET, TIMESTAMP).verify(PAYLOAD, headers(vectorHeaders()))).isEqualTo(SIGNATURE);
    }

    @Test
    void acceptsTheSecretWithoutItsPrefixAndAmongOthersWhileRotating() {
        assertThatCode(() -> scheme("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", TIMESTAMP).verify(PAYLOAD, headers(vectorHeaders())))
                .doesNotThrowAnyException();
        assertThatCode(() -> scheme("whsec_c2VjcmV0LW9mLXRoZS1uZXctZW5kcG9pbnQ=," + SECRET, TIMESTAMP)
                .verify(PAYLOAD, headers(vectorHeaders()))).doesNotThrowAnyException();
    }

    @Test
    void acceptsAListOfSignaturesWithOtherVersionsAmongThem() {
        Map<String, String> headers = vectorHeaders();
        headers.put("webhook-signature", "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= "
                + "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= " + SIGNATURE
                + " v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==");

        assertThatCode(() -> scheme(SECRET, TIMESTAMP).verify(PAYLOAD, headers(headers))).doesNotThrowAnyException();
    }

    @Test
    void anEntryThatIsNotASignatureSpoilsNotTheOthers() {
        for (String odd : new String[] {"v1,!!!notbase64", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "v1,"}) {
            Map<String, String> headers = vectorHeaders();
            headers.put("webhook-signature", odd + " " + SIGNATURE);

            assertThatCode(() -> scheme(SECRET, TIMESTAMP).verify(PAYLOAD, headers(headers))).as(odd)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void refusesTimestampsBeyondTheToleranceEitherWay() {
        assertRefused(scheme(SECRET, TIMESTAMP + 301), vectorHeaders(), InvalidSignatureException.Reason.TIMESTAMP_OUT_OF_TOLERANCE);
        assertRefused(scheme(SECRET, TIMESTAMP - 301), vectorHeaders(), InvalidSignatureException.Reason.TIMESTAMP_OUT_OF_TOLERANCE);
        assertThatCode(() -> scheme(SECRET, TIMESTAMP + 300).verify(PAYLOAD, headers(vectorHeaders())))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesWhatTheSpecificationsLibrariesRefuse() {
        SignatureScheme scheme = scheme(SECRET, TIMESTAMP);
        for (String header : new String[] {"webhook-id", "webhook-timestamp", "webhook-signature"}) {
            Map<String, String> missing = vectorHeaders();
            missing.remove(header);
            assertRefused(scheme, missing, InvalidSignatureException.Reason.MISSING);
        }
        assertRefused(scheme, with("webhook-timestamp", "hello"), InvalidSignatureException.Reason.MALFORMED);
        assertRefused(scheme, with("webhook-signature", "v1,dawfeoifkpqwoekfpqoekf"), InvalidSignatureException.Reason.MALFORMED);
        assertRefused(scheme, with("webhook-signature", SIGNATURE.substring(0, 8)), InvalidSignatureException.Reason.MALFORMED);
        assertRefused(scheme, with("webhook-signature", "v1,"), InvalidSignatureException.Reason.MALFORMED);
        assertRefused(scheme, with("webhook-signature", "v2," + SIGNATURE.substring(3)), InvalidSignatureException.Reason.MALFORMED);
        assertRefused(scheme, with("webhook-id", MSG_ID + "x"), InvalidSignatureException.Reason.MISMATCH);
        assertRefused(scheme, with("webhook-timestamp", String.valueOf(TIMESTAMP + 1)), InvalidSignatureException.Reason.MISMATCH);
        assertRefused(scheme(SECRET.replace('M', 'N'), TIMESTAMP), vectorHeaders(), InvalidSignatureException.Reason.MISMATCH);
    }

    @Test
    void refusesABodyChangedByOneByte() {
        byte[] tampered = PAYLOAD.clone();
        tampered[10] = '3';

        assertThatThrownBy(() -> scheme(SECRET, TIMESTAMP).verify(tampered, headers(vectorHeaders())))
                .isInstanceOfSatisfying(InvalidSignatureException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(InvalidSignatureException.Reason.MISMATCH));
    }

    @Test
    void aSecretThatIsNotBase64StopsStartupWithoutShowingIt() {
        assertThatThrownBy(() -> scheme(SECRET + ",whsec_not base64!", TIMESTAMP))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("secret 2")
                .hasMessageNotContaining("not base64!");
    }

    private static Map<String, String> with(String header, String value) {
        Map<String, String> headers = vectorHeaders();
        headers.put(header, value);
        return headers;
    }

    private static void assertRefused(SignatureScheme scheme, Map<String, String> headers,
                                      InvalidSignatureException.Reason reason) {
        assertThatThrownBy(() -> scheme.verify(PAYLOAD, headers(headers)))
                .as(headers.toString())
                .isInstanceOfSatisfying(InvalidSignatureException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(reason));
    }
}
