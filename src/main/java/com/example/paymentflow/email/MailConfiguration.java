package com.example.paymentflow.email;

import java.util.Properties;

import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Credentials of the mail component come from settings, not from route URIs, and only when given: an empty
 * user name would make Jakarta Mail try to log in to servers that take mail without it. The connection is upgraded
 * to TLS when the server offers it, and only then with SMTP_STARTTLS=required.
 */
@Configuration(proxyBeanMethods = false)
public class MailConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(MailConfiguration.class);

    @Bean
    ComponentCustomizer mailCredentialsAndTimeouts(MailProperties mail) {
        return ComponentCustomizer.forType(MailComponent.class, component -> {
            var configuration = component.getConfiguration();
            if (mail.hasLogin()) {
                configuration.setUsername(mail.username());
                configuration.setPassword(mail.password());
            }
            if (mail.starttls() != MailProperties.StartTls.OFF) {
                Properties tls = new Properties();
                tls.setProperty("mail.smtp.starttls.enable", "true");
                tls.setProperty("mail.smtp.starttls.required",
                        String.valueOf(mail.starttls() == MailProperties.StartTls.REQUIRED));
                configuration.setAdditionalJavaMailProperties(tls);
            }
            if (mail.hasLogin() && mail.starttls() != MailProperties.StartTls.REQUIRED) {
                LOG.warn("SMTP_USERNAME is set and SMTP_STARTTLS is not 'required': the mail server's password goes "
                        + "out in clear to a server that does not offer STARTTLS (or to anyone who strips the offer)");
            }
            configuration.setConnectionTimeout((int) mail.timeout().toMillis());
        });
    }
}
