package com.example.paymentflow.http;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Every platform-http route runs on the servlet container's request thread, from the first step to the last byte
 * of its answer.
 * <p>
 * Camel's own Spring Boot engine hands each request to a task pool and returns a {@code CompletableFuture}: the
 * route then writes the answer on a {@code task-N} thread while the container thread is still unwinding the
 * filter chain, where Spring Security's header writer adds its headers to the same answer. Tomcat's header list is
 * not thread-safe, and under load an answer went out with a header line of an empty name (clients drop the
 * connection) or could not be written at all ({@code NullPointerException ... MimeHeaderField}, the connection
 * closed without an answer). With one thread per answer neither can happen, and no request waits in a hidden queue
 * behind the task pool: concurrency is the container's (server.tomcat.threads.max). See docs/http-rules.md.
 */
@Configuration(proxyBeanMethods = false)
public class SameThreadPlatformHttp {

    /** Named as platform-http looks its engine up; Camel's auto-configured engine then stands back. */
    @Bean(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME)
    PlatformHttpEngine platformHttpEngine(ServerProperties server, RequestRejectedHandler firewallRefusals) {
        int port = server.getPort() == null ? 8080 : server.getPort();
        return new PlatformHttpEngine() {
            @Override
            public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
                return new SameThreadConsumer(endpoint, processor, firewallRefusals);
            }

            @Override
            public int getServerPort() {
                return port;
            }
        };
    }

    /** Processes the exchange and writes its answer before returning; Spring MVC then completes the request. */
    static final class SameThreadConsumer extends SpringBootPlatformHttpConsumer {

        private static final Logger LOG = LoggerFactory.getLogger(SameThreadConsumer.class);

        private final RequestRejectedHandler firewallRefusals;

        SameThreadConsumer(PlatformHttpEndpoint endpoint, Processor processor,
                           RequestRejectedHandler firewallRefusals) {
            super(endpoint, processor, Runnable::run);
            this.firewallRefusals = firewallRefusals;
        }

        /** @return null: the answer is complete, so Spring MVC does not start asynchronous processing */
        @Override
        public CompletableFuture<Void> service(HttpServletRequest request, HttpServletResponse response) {
            try {
                handleService(request, response);
            } catch (Exception e) {
                // the firewall refused a header or parameter as the binding read it (Camel wraps its refusal of a
                // parameter name): the client's fault, a 400, and nothing logged above DEBUG
                RequestRejectedException refusal = refusalAmong(e);
                if (refusal != null) {
                    answerRefusal(request, response, refusal);
                    return null;
                }
                // what the route's error handling did not answer; never a stack trace to the client
                LOG.error("Request to {} failed", getEndpoint().getPath(), e);
                try {
                    if (!response.isCommitted()) {
                        response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                    }
                } catch (IOException clientGone) {
                    // nothing left to answer
                }
            }
            return null;
        }

        private static RequestRejectedException refusalAmong(Throwable failure) {
            Throwable cause = failure;
            while (cause != null && !(cause instanceof RequestRejectedException)) {
                cause = cause.getCause() == cause ? null : cause.getCause();
            }
            return (RequestRejectedException) cause;
        }

        private void answerRefusal(HttpServletRequest request, HttpServletResponse response,
                                   RequestRejectedException refusal) {
            try {
                firewallRefusals.handle(request, response, refusal);
            } catch (IOException | ServletException clientGone) {
                // nothing left to answer
            }
        }
    }
}
