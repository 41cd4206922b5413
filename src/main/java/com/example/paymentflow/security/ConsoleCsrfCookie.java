package com.example.paymentflow.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the console its CSRF token: Spring Security creates a token only when something asks for it, and the
 * console's script reads it from the {@code XSRF-TOKEN} cookie, so every console page and asset asks for it here.
 */
final class ConsoleCsrfCookie extends OncePerRequestFilter {

    private final String consolePath;

    /** @param consolePath the console's base path, e.g. /actuator/hawtio */
    ConsoleCsrfCookie(String consolePath) {
        this.consolePath = consolePath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return !(path.equals(consolePath) || path.startsWith(consolePath + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        if (token != null) {
            // loading the deferred token writes the cookie
            token.getToken();
        }
        chain.doFilter(request, response);
    }
}
