package com.example.paymentflow.delivery;

import java.time.Duration;
import java.util.Optional;

import com.example.paymentflow.email.MailProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Warns at start-up when a delivery's lease is not longer than an attempt may take (an HTTP call's connect and
 * response timeouts, the mail timeout): an attempt still running when its lease ends is claimed again, and the
 * destination called a second time while the first call goes on. A warning, not a refusal: a shorter lease may be
 * meant (tests, a destination known to be quick).
 */
@Component
public class LeaseLengthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseLengthCheck.class);

    private final DeliveryProperties delivery;
    private final MailProperties mail;
    private final Environment environment;

    public LeaseLengthCheck(DeliveryProperties delivery, MailProperties mail, Environment environment) {
        this.delivery = delivery;
        this.mail = mail;
        this.environment = environment;
    }

    @EventListener(ApplicationStartedEvent.class)
    void warnOfAShortLease() {
        Duration http = Duration.ofMillis(
                environment.getProperty("camel.component.http.connect-timeout", Long.class, 0L)
                        + environment.getProperty("camel.component.http.response-timeout", Long.class, 0L));
        warning(delivery.lease(), http, mail.timeout()).ifPresent(LOG::warn);
    }

    static Optional<String> warning(Duration lease, Duration httpAttempt, Duration mailTimeout) {
        Duration slowest = httpAttempt.compareTo(mailTimeout) > 0 ? httpAttempt : mailTimeout;
        if (lease.compareTo(slowest) > 0) {
            return Optional.empty();
        }
        return Optional.of("paymentflow.delivery.lease (" + lease.toMillis() + " ms) is not longer than an attempt may "
                + "take (" + slowest.toMillis() + " ms: HTTP connect and response timeouts " + httpAttempt.toMillis()
                + " ms, mail timeout " + mailTimeout.toMillis() + " ms): an attempt still running when its lease ends "
                + "is made again, and its destination called twice");
    }
}
