package com.example.paymentflow.security;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which requests must carry the CSRF token (cookie {@code XSRF-TOKEN}, echoed in header {@code X-XSRF-TOKEN}).
 * Browsers send the operator's HTTP Basic credentials along with any request to this host, also one that another
 * site's page makes them send; the token is what such a request cannot have. Only requests with credentials need
 * it (without, there is nothing to abuse, and they are answered 401 like any other), and of those:
 * <ul>
 *   <li>every Jolokia request that carries a command, GET included (Jolokia executes operations given in the URL);
 *       only the bare agent URL, which the console probes for the agent's version, is free;</li>
 *   <li>every other request that can change something (not GET, HEAD, TRACE, OPTIONS), except JSON requests to
 *       the operations API: a browser cannot send JSON to another site without a CORS preflight, and this service
 *       answers none. (The PaymentFlow webhook, proven by its signature, is not on this chain at all.)</li>
 * </ul>
 * The Hawtio console reads the cookie and sends the header by itself.
 */
final class CsrfProtectedRequests implements RequestMatcher {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "TRACE", "OPTIONS");
    private static final String OPERATIONS_API = "/api/";

    private final Set<String> jolokiaAgents;

    /**
     * @param actuatorPath the actuator base path (management.endpoints.web.base-path), e.g. /actuator
     */
    CsrfProtectedRequests(String actuatorPath) {
        // the agent itself, and the console's forward to it
        this.jolokiaAgents = Set.of(actuatorPath + "/jolokia", actuatorPath + "/hawtio/jolokia");
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            return false;
        }
        // decoded, as the servlet container maps it: an encoded spelling is judged as the path it spells
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        boolean safeMethod = SAFE_METHODS.contains(request.getMethod());
        String jolokiaAgent = jolokiaAgents.stream()
                .filter(agent -> path.equals(agent) || path.startsWith(agent + "/"))
                .findFirst().orElse(null);
        if (jolokiaAgent != null) {
            boolean versionProbe = safeMethod && request.getQueryString() == null
                    && (path.equals(jolokiaAgent) || path.equals(jolokiaAgent + "/"));
            return !versionProbe;
        }
        if (safeMethod) {
            return false;
        }
        return !(path.startsWith(OPERATIONS_API) && isJson(request.getContentType()));
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
