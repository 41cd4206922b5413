package com.example.paymentflow.security;

import com.example.paymentflow.ingest.WebhookProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * PaymentFlow's endpoint is open (its requests prove themselves by signature) and so is health; everything else
 * (the operations API, actuator, the Hawtio console and its Jolokia agent) needs the operator's credentials over
 * HTTP Basic. Hawtio's own login is off (hawtio.authenticationEnabled: false): it would authenticate through JAAS,
 * which this service does not configure, and refuse every Jolokia request.
 * <p>
 * A browser that has the operator's credentials sends them with any request to this host, also with one another
 * site's page makes: requests that can change something need a CSRF token besides (see
 * {@link CsrfProtectedRequests}). The token lives in a cookie the console reads, so no session is needed.
 */
@Configuration(proxyBeanMethods = false)
public class ManagementSecurityConfiguration {

    public static final String OPERATOR_ROLE = "OPERATOR";
    private static final Logger LOG = LoggerFactory.getLogger(ManagementSecurityConfiguration.class);

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, WebhookProperties webhook,
                                           WebEndpointProperties actuator) throws Exception {
        String actuatorPath = actuator.getBasePath();
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        return http
                .csrf(csrf -> csrf
                        .csrfTokenRepository(tokens)
                        // the console sends the cookie's value as it is
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(new CsrfProtectedRequests(webhook.path(), actuatorPath))
                        // Basic authentication logs in on every request; a new token per login would delete the
                        // console's cookie with each of its Jolokia requests, and the next one would be refused
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .addFilterAfter(new ConsoleCsrfCookie(actuatorPath + "/hawtio"), BasicAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(webhook.path()).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error")
                        .permitAll()
                        .anyRequest().hasRole(OPERATOR_ROLE))
                .httpBasic(Customizer.withDefaults())
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // the hash lives in memory only; a low cost keeps Basic authentication cheap on every request
        return new BCryptPasswordEncoder(4);
    }

    @Bean
    UserDetailsService operators(ManagementProperties management, PasswordEncoder encoder) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        if (management.isEnabled()) {
            users.createUser(User.withUsername(management.username())
                    .password(encoder.encode(management.password()))
                    .roles(OPERATOR_ROLE)
                    .build());
        } else {
            LOG.warn("MANAGEMENT_PASSWORD (or MANAGEMENT_PASSWORD_FILE) is not set: the operations API, metrics and "
                    + "console refuse every request");
        }
        return users;
    }
}
