package com.example.paymentflow.signature;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.example.paymentflow.support.WebhookClient;
import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The default scheme: PaymentFlow-Signature is the hex HMAC-SHA256 of the exact raw body. */
class PaymentflowSignatureSchemeTest {

    private static final String SECRET = "whsec_unit";
    private final SignatureScheme scheme = scheme(SECRET);

    static SignatureScheme scheme(String secrets) {
        return SignatureConfiguration.create(new SignatureProperties(secrets,
                SignatureProperties.SchemeName.PAYMENTFLOW, Duration.ofSeconds(300)), Clock.systemUTC());
    }

    @Test
    void acceptsTheHmacOfTheExactBytes() {
        byte[] body = "{\"id\":\"evt_1\",\"type\":\"payment.succeeded\"}".getBytes(UTF_8);

        assertThatCode(() -> verify(scheme, body, WebhookClient.sign(body, SECRET))).doesNotThrowAnyException();
    }

    @Test
    void acceptsUtf8BodiesOddWhitespaceAndAnyKeyOrder() {
        byte[] body = "{\r\n \"type\":\t\"payment.failed\" ,\"id\" : \"evt_é😀\",\"name\":\"Zoë\"  }\n".getBytes(UTF_8);

        assertThatCode(() -> verify(scheme, body, WebhookClient.sign(body, SECRET))).doesNotThrowAnyException();
    }

    @Test
    void acceptsAnUppercaseHexSignature() {
        byte[] body = "{}".getBytes(UTF_8);

        assertThatCode(() -> verify(scheme, body, WebhookClient.sign(body, SECRET).toUpperCase()))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesABodyChangedByOneByte() {
        byte[] body = "{\"id\":\"evt_1\",\"amount\":2999}".getBytes(UTF_8);
        String signature = WebhookClient.sign(body, SECRET);
        byte[] tampered = body.clone();
        tampered[tampered.length - 2] = '8';

        assertRefused(scheme, tampered, signature, InvalidSignatureException.Reason.MISMATCH);
    }

    @Test
    void refusesTheSignatureOfReserialisedJson() {
        byte[] sent = "{ \"id\": \"evt_1\", \"type\": \"payment.succeeded\" }".getBytes(UTF_8);
        byte[] reserialised = "{\"id\":\"evt_1\",\"type\":\"payment.succeeded\"}".getBytes(UTF_8);

        assertRefused(scheme, sent, WebhookClient.sign(reserialised, SECRET), InvalidSignatureException.Reason.MISMATCH);
    }

    @Test
    void refusesAnotherSecret() {
        byte[] body = "{}".getBytes(UTF_8);

        assertRefused(scheme, body, WebhookClient.sign(body, "whsec_other"), InvalidSignatureException.Reason.MISMATCH);
    }

    @Test
    void refusesMissingAndMalformedSignatures() {
        byte[] body = "{}".getBytes(UTF_8);

        assertRefused(scheme, body, null, InvalidSignatureException.Reason.MISSING);
        assertRefused(scheme, body, "  ", InvalidSignatureException.Reason.MISSING);
        assertRefused(scheme, body, "abc", InvalidSignatureException.Reason.MALFORMED);
        assertRefused(scheme, body, "z".repeat(64), InvalidSignatureException.Reason.MALFORMED);
        assertRefused(scheme, body, "sha256=" + WebhookClient.sign(body, SECRET), InvalidSignatureException.Reason.MALFORMED);
    }

    @Test
    void acceptsEverySecretOfARotation() {
        SignatureScheme rotating = scheme("whsec_new, whsec_old");
        byte[] body = "{}".getBytes(UTF_8);

        assertThatCode(() -> verify(rotating, body, WebhookClient.sign(body, "whsec_new"))).doesNotThrowAnyException();
        assertThatCode(() -> verify(rotating, body, WebhookClient.sign(body, "whsec_old"))).doesNotThrowAnyException();
        assertRefused(rotating, body, WebhookClient.sign(body, "whsec_gone"), InvalidSignatureException.Reason.MISMATCH);
    }

    @Test
    void refusesToStartWithoutAnySecret() {
        assertThatThrownBy(() -> scheme(" , "))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WEBHOOK_SECRET");
    }

    @Test
    void anExpectedRefusalBuildsNoStackTrace() {
        byte[] body = "{}".getBytes(UTF_8);

        assertThatThrownBy(() -> verify(scheme, body, "0".repeat(64)))
                .satisfies(refusal -> org.assertj.core.api.Assertions.assertThat(refusal.getStackTrace()).isEmpty());
    }

    private static void verify(SignatureScheme scheme, byte[] body, String signature) {
        scheme.verify(body, headers(signature == null ? Map.of() : Map.of(PaymentflowSignatureScheme.HEADER, signature)));
    }

    static WebhookHeaders headers(Map<String, String> headers) {
        return name -> headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    static void assertRefused(SignatureScheme scheme, byte[] body, String signature,
                              InvalidSignatureException.Reason reason) {
        assertThatThrownBy(() -> verify(scheme, body, signature))
                .isInstanceOfSatisfying(InvalidSignatureException.class,
                        refused -> org.assertj.core.api.Assertions.assertThat(refused.reason()).isEqualTo(reason));
    }
}
