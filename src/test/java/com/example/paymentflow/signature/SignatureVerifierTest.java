package com.example.paymentflow.signature;

import com.example.paymentflow.support.WebhookClient;
import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignatureVerifierTest {

    private static final String SECRET = "whsec_unit";
    private final SignatureVerifier verifier = new SignatureVerifier(new SignatureProperties(SECRET));

    @Test
    void acceptsTheHmacOfTheExactBytes() {
        byte[] body = "{\"id\":\"evt_1\",\"type\":\"payment.succeeded\"}".getBytes(UTF_8);

        assertThatCode(() -> verifier.verify(body, WebhookClient.sign(body, SECRET))).doesNotThrowAnyException();
    }

    @Test
    void acceptsUtf8BodiesOddWhitespaceAndAnyKeyOrder() {
        byte[] body = "{\r\n \"type\":\t\"payment.failed\" ,\"id\" : \"evt_é😀\",\"name\":\"Zoë\"  }\n".getBytes(UTF_8);

        assertThatCode(() -> verifier.verify(body, WebhookClient.sign(body, SECRET))).doesNotThrowAnyException();
    }

    @Test
    void acceptsAnUppercaseHexSignature() {
        byte[] body = "{}".getBytes(UTF_8);

        assertThatCode(() -> verifier.verify(body, WebhookClient.sign(body, SECRET).toUpperCase()))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesABodyChangedByOneByte() {
        byte[] body = "{\"id\":\"evt_1\",\"amount\":2999}".getBytes(UTF_8);
        String signature = WebhookClient.sign(body, SECRET);
        byte[] tampered = body.clone();
        tampered[tampered.length - 2] = '8';

        assertRefused(tampered, signature, InvalidSignatureException.Reason.MISMATCH);
    }

    @Test
    void refusesTheSignatureOfReserialisedJson() {
        byte[] sent = "{ \"id\": \"evt_1\", \"type\": \"payment.succeeded\" }".getBytes(UTF_8);
        byte[] reserialised = "{\"id\":\"evt_1\",\"type\":\"payment.succeeded\"}".getBytes(UTF_8);

        assertRefused(sent, WebhookClient.sign(reserialised, SECRET), InvalidSignatureException.Reason.MISMATCH);
    }

    @Test
    void refusesAnotherSecret() {
        byte[] body = "{}".getBytes(UTF_8);

        assertRefused(body, WebhookClient.sign(body, "whsec_other"), InvalidSignatureException.Reason.MISMATCH);
    }

    @Test
    void refusesMissingAndMalformedSignatures() {
        byte[] body = "{}".getBytes(UTF_8);

        assertRefused(body, null, InvalidSignatureException.Reason.MISSING);
        assertRefused(body, "  ", InvalidSignatureException.Reason.MISSING);
        assertRefused(body, "abc", InvalidSignatureException.Reason.MALFORMED);
        assertRefused(body, "z".repeat(64), InvalidSignatureException.Reason.MALFORMED);
        assertRefused(body, "sha256=" + WebhookClient.sign(body, SECRET), InvalidSignatureException.Reason.MALFORMED);
    }

    @Test
    void acceptsEverySecretOfARotation() {
        SignatureVerifier rotating = new SignatureVerifier(new SignatureProperties("whsec_new, whsec_old"));
        byte[] body = "{}".getBytes(UTF_8);

        assertThatCode(() -> rotating.verify(body, WebhookClient.sign(body, "whsec_new"))).doesNotThrowAnyException();
        assertThatCode(() -> rotating.verify(body, WebhookClient.sign(body, "whsec_old"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> rotating.verify(body, WebhookClient.sign(body, "whsec_gone")))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void refusesToStartWithoutAnySecret() {
        assertThatThrownBy(() -> new SignatureVerifier(new SignatureProperties(" , ")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WEBHOOK_SECRET");
    }

    private void assertRefused(byte[] body, String signature, InvalidSignatureException.Reason reason) {
        assertThatThrownBy(() -> verifier.verify(body, signature))
                .isInstanceOfSatisfying(InvalidSignatureException.class,
                        refused -> org.assertj.core.api.Assertions.assertThat(refused.reason()).isEqualTo(reason));
    }
}
