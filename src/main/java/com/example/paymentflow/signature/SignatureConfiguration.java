package com.example.paymentflow.signature;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static java.nio.charset.StandardCharsets.UTF_8;

/** The signature scheme of WEBHOOK_SIGNATURE_SCHEME with the secrets of WEBHOOK_SECRET. */
@Configuration(proxyBeanMethods = false)
public class SignatureConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureConfiguration.class);

    @Bean
    SignatureScheme signatureScheme(SignatureProperties properties) {
        SignatureScheme scheme = create(properties, Clock.systemUTC());
        LOG.info("Webhook signatures: scheme {}, {} secret(s){}",
                properties.scheme().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                secrets(properties).size(),
                properties.scheme() == SignatureProperties.SchemeName.PAYMENTFLOW ? ""
                        : ", timestamps within " + properties.tolerance().toSeconds() + " s of now");
        return scheme;
    }

    /** The configured scheme, reading time from the clock. */
    public static SignatureScheme create(SignatureProperties properties, Clock clock) {
        List<String> secrets = secrets(properties);
        SignatureTimestamps timestamps = new SignatureTimestamps(clock, properties.tolerance());
        return switch (properties.scheme()) {
            case PAYMENTFLOW -> new PaymentflowSignatureScheme(new HmacKeys(utf8(secrets)));
            case TIMESTAMPED -> new TimestampedSignatureScheme(new HmacKeys(utf8(secrets)), timestamps);
            case STANDARD_WEBHOOKS -> {
                List<byte[]> keys = new ArrayList<>();
                for (int i = 0; i < secrets.size(); i++) {
                    keys.add(StandardWebhooksSignatureScheme.key(secrets.get(i), i + 1));
                }
                yield new StandardWebhooksSignatureScheme(new HmacKeys(keys), timestamps);
            }
        };
    }

    private static List<String> secrets(SignatureProperties properties) {
        return Arrays.stream(properties.secrets().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<byte[]> utf8(List<String> secrets) {
        return secrets.stream().map(secret -> secret.getBytes(UTF_8)).toList();
    }
}
