package com.example.paymentflow.http;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which message headers become HTTP answer headers, on every platform-http route. platform-http would copy every
 * message header into the answer, request headers included (the signature too). Here only the headers named in
 * {@code paymentflow.http.answer-headers} (such as {@code Retry-After}) are written, and only when a route set
 * them: a request header of an allowed name is dropped as the request comes in, so no request header is ever
 * echoed. The content type, which routes set, is written apart from the headers and always reaches the client.
 */
@Configuration(proxyBeanMethods = false)
public class AnswerHeaderPolicy {

    @Bean
    ComponentCustomizer platformHttpAnswersCarryOnlyAllowedHeaders(HttpProperties http) {
        HeaderFilterStrategy policy = new AllowedAnswerHeaders(http.answerHeaders());
        return ComponentCustomizer.forType(PlatformHttpComponent.class,
                component -> component.setHeaderFilterStrategy(policy));
    }

    static final class AllowedAnswerHeaders implements HeaderFilterStrategy {

        private final HeaderFilterStrategy requestHeaders = new HttpHeaderFilterStrategy();
        private final Set<String> allowed;

        AllowedAnswerHeaders(Set<String> allowed) {
            this.allowed = allowed.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        }

        /** Message header to answer header: only the allowed names. */
        @Override
        public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
            return !isAllowed(name);
        }

        /** Request header to message header: never one of the allowed names, so that it cannot be echoed. */
        @Override
        public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
            return isAllowed(name) || requestHeaders.applyFilterToExternalHeaders(name, value, exchange);
        }

        private boolean isAllowed(String name) {
            return allowed.contains(name.toLowerCase(Locale.ROOT));
        }
    }
}
