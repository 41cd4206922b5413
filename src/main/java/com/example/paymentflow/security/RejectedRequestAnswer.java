package com.example.paymentflow.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The answer to a request Spring Security's firewall refuses (a path spelt to slip past a rule, a method it does
 * not know, a control character in a header or a parameter name): 400 with a short text, the connection closed.
 * The firewall may refuse a header only when something reads it, in the middle of a route, so platform-http's
 * consumer answers with this too. Not logged above DEBUG: anyone can send such requests, and the reason quotes the
 * refused value, which may be a credential.
 */
public final class RejectedRequestAnswer implements RequestRejectedHandler {

    public static final String ANSWER = "Bad request: refused by the request firewall";
    private static final byte[] ANSWER_BYTES = ANSWER.getBytes(StandardCharsets.UTF_8);
    private static final Logger LOG = LoggerFactory.getLogger(RejectedRequestAnswer.class);

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejection)
            throws IOException {
        LOG.debug("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), rejection.getMessage());
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Connection", "close");
        response.setContentLength(ANSWER_BYTES.length);
        response.getOutputStream().write(ANSWER_BYTES);
        response.flushBuffer();
    }
}
