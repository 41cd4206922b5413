package com.example.paymentflow.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Says why a request with the operator's credentials was refused for want of the CSRF token (see
 * {@link CsrfProtectedRequests}): a bare 403 left an operator with curl guessing. The answer has the operations
 * API's error shape. Any other refusal is answered as Spring Security does by default.
 */
final class CsrfRefusalAnswer implements AccessDeniedHandler {

    static final String REASON = "this request needs the CSRF token (header X-XSRF-TOKEN with the value of the cookie "
            + "XSRF-TOKEN); to the operations API, send Content-Type: application/json instead";
    private static final byte[] ANSWER = ("{\"error\":\"" + REASON + "\"}").getBytes(StandardCharsets.UTF_8);

    private final AccessDeniedHandler otherRefusals = new AccessDeniedHandlerImpl();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refusal)
            throws IOException, ServletException {
        if (!(refusal instanceof CsrfException) || response.isCommitted()) {
            otherRefusals.handle(request, response, refusal);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.setContentLength(ANSWER.length);
        response.getOutputStream().write(ANSWER);
    }
}
