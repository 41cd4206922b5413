package com.example.paymentflow.email;

import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Credentials of the mail component come from settings, not from route URIs, and only when given: an empty
 * user name would make Jakarta Mail try to log in to servers that take mail without it.
 */
@Configuration(proxyBeanMethods = false)
public class MailConfiguration {

    @Bean
    ComponentCustomizer mailCredentialsAndTimeouts(MailProperties mail) {
        return ComponentCustomizer.forType(MailComponent.class, component -> {
            var configuration = component.getConfiguration();
            if (mail.username() != null && !mail.username().isBlank()) {
                configuration.setUsername(mail.username());
                configuration.setPassword(mail.password());
            }
            configuration.setConnectionTimeout((int) mail.timeout().toMillis());
        });
    }
}
