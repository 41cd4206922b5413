package com.example.paymentflow.operations;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is asking: the operator signed in on this request (API, or the console through Jolokia). */
final class Operators {

    private Operators() {
    }

    /** @param otherwise what to name the caller when no one is signed in (a JMX client without the console) */
    static String current(String otherwise) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated() ? otherwise : authentication.getName();
    }
}
