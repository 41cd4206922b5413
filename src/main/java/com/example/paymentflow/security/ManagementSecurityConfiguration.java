package com.example.paymentflow.security;

import java.util.List;

import com.example.paymentflow.ingest.WebhookProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

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
    static final String REALM = "PaymentFlow operations";
    private static final Logger LOG = LoggerFactory.getLogger(ManagementSecurityConfiguration.class);

    /**
     * The webhook path proves itself by signature, so it skips the operations' chain (session, CSRF, Basic
     * authentication, authorisation: a tenth of a webhook's handling, measured side by side) and only gets the
     * security headers every answer of this service carries. Ordered first: the operations' chain takes the rest.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain webhookFilterChain(WebhookProperties webhook) {
        return new DefaultSecurityFilterChain(PathPatternRequestMatcher.withDefaults().matcher(webhook.path()),
                new HeaderWriterFilter(List.of(new XContentTypeOptionsHeaderWriter(), new XXssProtectionHeaderWriter(),
                        new CacheControlHeadersWriter(), new HstsHeaderWriter(),
                        new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY))));
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, WebEndpointProperties actuator) throws Exception {
        String actuatorPath = actuator.getBasePath();
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        return http
                .csrf(csrf -> csrf
                        .csrfTokenRepository(tokens)
                        // the console sends the cookie's value as it is
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(new CsrfProtectedRequests(actuatorPath))
                        // Basic authentication logs in on every request; a new token per login would delete the
                        // console's cookie with each of its Jolokia requests, and the next one would be refused
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .exceptionHandling(refusals -> refusals.accessDeniedHandler(new CsrfRefusalAnswer()))
                .addFilterAfter(new ConsoleCsrfCookie(actuatorPath + "/hawtio"), BasicAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error")
                        .permitAll()
                        .anyRequest().hasRole(OPERATOR_ROLE))
                // every refusal asks for Basic credentials, also the console's script requests (Spring answers
                // those a bare 401 by default): the browser then sends the operator's credentials with them, or asks
                .httpBasic(basic -> basic.authenticationEntryPoint(basicChallenge()))
                .build();
    }

    private static BasicAuthenticationEntryPoint basicChallenge() {
        BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
        challenge.setRealmName(REALM);
        return challenge;
    }

    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::isAllowedName);
        firewall.setAllowedHeaderValues(HeaderCharacters::isAllowedValue);
        firewall.setAllowedParameterNames(HeaderCharacters::isAllowedName);
        return firewall;
    }

    @Bean
    RequestRejectedHandler rejectedRequestAnswer() {
        return new RejectedRequestAnswer();
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
