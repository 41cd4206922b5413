package com.example.paymentflow.signature;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The route step that proves a webhook genuine: reads the raw body bytes and the {@code PaymentFlow-Signature}
 * header, verifies them, and on failure logs the reason and the remote address (never the body or a secret),
 * counts the attempt and throws {@link InvalidSignatureException}.
 */
@Component("verifySignature")
public class VerifySignatureProcessor implements Processor {

    public static final String SIGNATURE_HEADER = "PaymentFlow-Signature";
    private static final Logger LOG = LoggerFactory.getLogger(VerifySignatureProcessor.class);

    private final SignatureVerifier verifier;
    private final MeterRegistry meters;

    public VerifySignatureProcessor(SignatureVerifier verifier, MeterRegistry meters) {
        this.verifier = verifier;
        this.meters = meters;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        byte[] body = in.getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        in.setBody(body);
        try {
            verifier.verify(body, in.getHeader(SIGNATURE_HEADER, String.class));
        } catch (InvalidSignatureException rejected) {
            failures(rejected.reason()).increment();
            LOG.warn("Rejected webhook with {} signature from {}", rejected.reason().label(), remoteAddress(in));
            throw rejected;
        }
    }

    private Counter failures(InvalidSignatureException.Reason reason) {
        return Counter.builder("paymentflow.webhook.signature.failures")
                .description("Webhooks rejected because their signature did not verify")
                .tag("reason", reason.label())
                .register(meters);
    }

    private static String remoteAddress(Message in) {
        HttpServletRequest request = in.getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class);
        return request == null ? "unknown" : request.getRemoteAddr();
    }
}
