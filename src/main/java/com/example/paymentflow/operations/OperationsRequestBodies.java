package com.example.paymentflow.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.example.paymentflow.http.ContentCodings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The bodies the operations API takes are a line of JSON (a reason, at most 500 characters): one of unknown or
 * large size, or compressed, is refused before Camel's binding reads it, which would read it whole into memory
 * (and inflate a compressed one first). Runs after the security chain: only the operator gets these answers.
 */
@Component
public class OperationsRequestBodies extends OncePerRequestFilter {

    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !BODY_METHODS.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!ContentCodings.isUncoded(request.getHeaders(HttpHeaders.CONTENT_ENCODING))) {
            refuse(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "send the body uncompressed");
        } else if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "the request body is larger than " + MAX_BODY_BYTES + " bytes");
        } else if (request.getContentLengthLong() < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            refuse(response, HttpServletResponse.SC_LENGTH_REQUIRED, "send the body with a Content-Length");
        } else {
            chain.doFilter(request, response);
        }
    }

    private static void refuse(HttpServletResponse response, int status, String reason) throws IOException {
        byte[] answer = ("{\"error\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        // the body is left unread: the connection is not kept for another request
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setContentType("application/json");
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }
}
