package com.example.paymentflow.signature;

import java.util.Enumeration;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The route step that proves a webhook genuine: the raw body bytes and the signature headers, exactly as they
 * arrived (from the servlet request, not from Camel's message headers, which split values written like lists),
 * checked by the configured {@link SignatureScheme}. On success the presented signature is left in the exchange
 * property {@value #SIGNATURE_PROPERTY}; on failure {@link InvalidSignatureException} says why (the route's error
 * handling answers, counts and logs it).
 */
@Component("verifySignature")
public class VerifySignatureProcessor implements Processor {

    public static final String SIGNATURE_PROPERTY = "webhookSignature";

    private final SignatureScheme scheme;

    public VerifySignatureProcessor(SignatureScheme scheme) {
        this.scheme = scheme;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        byte[] body = in.getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        in.setBody(body);
        HttpServletRequest request = in.getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class);
        WebhookHeaders headers = request == null ? name -> in.getHeader(name, String.class) : name -> single(request, name);
        exchange.setProperty(SIGNATURE_PROPERTY, scheme.verify(body, headers));
    }

    private static String single(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String value = values.nextElement();
        if (values.hasMoreElements()) {
            throw new InvalidSignatureException(InvalidSignatureException.Reason.MALFORMED);
        }
        return value;
    }
}
