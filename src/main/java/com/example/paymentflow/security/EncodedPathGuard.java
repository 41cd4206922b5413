package com.example.paymentflow.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose path spells a letter, a digit or one of {@code -._~} as {@code %XX}: it names the same
 * path as the character itself (RFC 3986, 6.2.2.2) and no client needs it. Tomcat decodes it to choose the
 * servlet, and Spring's path parsing, which runs before the security chain and its firewall, then failed for a
 * servlet of its own (Jolokia's): a 500, and a stack trace in the log for anyone who asked. Runs first; answered
 * as the firewall answers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class EncodedPathGuard extends OncePerRequestFilter {

    private final RequestRejectedHandler answer;

    public EncodedPathGuard(RequestRejectedHandler answer) {
        this.answer = answer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (spellsOutAnUnreservedCharacter(request.getRequestURI())) {
            answer.handle(request, response,
                    new RequestRejectedException("the path spells out a character that needs no encoding"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean spellsOutAnUnreservedCharacter(String path) {
        for (int at = path.indexOf('%'); at >= 0 && at + 2 < path.length(); at = path.indexOf('%', at + 1)) {
            int high = Character.digit(path.charAt(at + 1), 16);
            int low = Character.digit(path.charAt(at + 2), 16);
            if (high >= 0 && low >= 0 && isUnreserved((char) (high * 16 + low))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0;
    }
}
