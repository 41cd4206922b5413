package com.example.paymentflow.ingest;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * platform-http copies every message header into the HTTP answer, request headers included (the signature too).
 * Here no message header becomes an answer header, on every platform-http route; the content type, which routes
 * set, is written apart from the headers and still reaches the client.
 */
@Configuration(proxyBeanMethods = false)
public class ResponseHeaderPolicy {

    @Bean
    ComponentCustomizer platformHttpAnswersCarryNoMessageHeaders() {
        return ComponentCustomizer.forType(PlatformHttpComponent.class,
                component -> component.setHeaderFilterStrategy(new NoMessageHeadersInAnswers()));
    }

    static final class NoMessageHeadersInAnswers implements HeaderFilterStrategy {

        private final HeaderFilterStrategy requestHeaders = new HttpHeaderFilterStrategy();

        @Override
        public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
            return true;
        }

        @Override
        public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
            return requestHeaders.applyFilterToExternalHeaders(name, value, exchange);
        }
    }
}
