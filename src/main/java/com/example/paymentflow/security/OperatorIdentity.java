package com.example.paymentflow.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who made an operator's change, for the log and the record: the user Spring Security authenticated for the request
 * (HTTP Basic, verified before any operations route runs; the operations routes and the console's JMX operations
 * both run on the request's thread).
 */
@Component
public class OperatorIdentity {

    /** The authenticated user of the current thread's request; "console" when there is none. */
    public String current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || authentication.getName() == null ? "console" : authentication.getName();
    }
}
