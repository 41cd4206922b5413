package com.example.paymentflow.http;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The limit on request headers that Spring Boot has no setting for: how many a request may have (Tomcat answers
 * 400 beyond it). The size limits are Spring Boot's own settings (server.max-http-request-header-size for the
 * request line and headers together, server.tomcat.connection-timeout for a client that stops sending).
 */
@Component
public class ConnectorLimits implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final HttpProperties http;

    public ConnectorLimits(HttpProperties http) {
        this.http = http;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol) {
                protocol.setMaxHeaderCount(http.maxHeaderCount());
            }
        });
    }
}
