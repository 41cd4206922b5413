package com.example.paymentflow.http;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112, 6.3), as {@code curl -X POST}
 * sends it. Camel's HTTP binding takes an unknown length for a body to read, and hands the routes an empty one that
 * the operations API's JSON binding cannot read (a 500); said to be of length 0, it is no body, as with
 * {@code Content-Length: 0}.
 */
@Component
public class BodilessRequests extends OncePerRequestFilter {

    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !BODY_METHODS.contains(request.getMethod()) || request.getContentLengthLong() >= 0
                || request.getHeader("Transfer-Encoding") != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new NoBody(request), response);
    }

    private static final class NoBody extends HttpServletRequestWrapper {

        NoBody(HttpServletRequest request) {
            super(request);
        }

        @Override
        public int getContentLength() {
            return 0;
        }

        @Override
        public long getContentLengthLong() {
            return 0;
        }
    }
}
