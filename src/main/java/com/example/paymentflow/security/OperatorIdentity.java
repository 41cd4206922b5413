package com.example.paymentflow.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who made an operator's change, for the log and the record: the user of the request's HTTP Basic credentials,
 * which Spring Security has verified before any operations route runs, or the authenticated user of the console's
 * request for a JMX operation (Jolokia runs it on the request's thread).
 */
@Component
public class OperatorIdentity {

    private static final String BASIC = "Basic ";

    /** The user of an HTTP Basic Authorization header; "operator" when there is none. */
    public String fromAuthorization(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return "operator";
        }
        try {
            String credentials = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
            int colon = credentials.indexOf(':');
            return colon > 0 ? credentials.substring(0, colon) : "operator";
        } catch (IllegalArgumentException notBase64) {
            return "operator";
        }
    }

    /** The authenticated user of the current thread's request; "console" when there is none. */
    public String current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || authentication.getName() == null ? "console" : authentication.getName();
    }
}
