package com.example.paymentflow.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import com.example.paymentflow.http.ContentCodings;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Guards the webhook endpoint at the HTTP layer, before any route runs (the rules are listed in
 * docs/http-rules.md):
 * <ul>
 *   <li>nothing before the service has started: 503 with Retry-After. The server listens a moment before the
 *       routes run, and the path would be unknown to it (404, which reads as a wrong address);</li>
 *   <li>only JSON is taken: 415;</li>
 *   <li>only as it was sent, without a content coding (gzip...): 415. Camel would inflate a compressed body before
 *       the route sees it: a small request could fill the memory before its signature is checked, and grow past
 *       the size limit, which applies to the bytes received;</li>
 *   <li>a body larger than {@code paymentflow.webhook.max-body-bytes} is refused as soon as that is known, from
 *       its Content-Length or while it arrives: 413;</li>
 *   <li>the body is read without blocking: while it arrives, however slowly, it holds no thread; one not complete
 *       within {@code paymentflow.webhook.body-read-timeout} is answered 408 and its connection closed;</li>
 *   <li>the complete body is handed to the route as the exact bytes that arrived, so that the signature is checked
 *       against what PaymentFlow signed.</li>
 * </ul>
 * A body that arrived with the headers goes on to the route at once; otherwise the route runs in the servlet
 * container's asynchronous dispatch that follows the last byte.
 */
@Component
public class WebhookRequestGuard extends OncePerRequestFilter {

    private static final String BODY = WebhookRequestGuard.class.getName() + ".body";
    private static final Duration IDLE_TIMEOUT_MARGIN = Duration.ofSeconds(2);
    private static final Duration TOMCAT_DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    /** Seconds PaymentFlow is asked to wait while the service starts. */
    static final int STARTING_RETRY_AFTER_SECONDS = 5;

    private final WebhookProperties webhook;
    private final WebhookOutcomes outcomes;
    private volatile boolean started;
    // the path as request mapping sees it: decoded, without ;parameters, so that no spelling of the path slips by
    private final UrlPathHelper paths = new UrlPathHelper();

    public WebhookRequestGuard(WebhookProperties webhook, WebhookOutcomes outcomes, ServerProperties server) {
        requireBelowIdleTimeout(webhook.bodyReadTimeout(), server.getTomcat().getConnectionTimeout());
        this.webhook = webhook;
        this.outcomes = outcomes;
    }

    /**
     * The container closes a connection that sent nothing for its idle timeout, with an error of its own instead of
     * the 408; its timeouts and the body's are each checked about once a second, hence the margin.
     */
    static void requireBelowIdleTimeout(Duration bodyReadTimeout, Duration idleTimeout) {
        Duration idle = idleTimeout == null ? TOMCAT_DEFAULT_IDLE_TIMEOUT : idleTimeout;
        if (bodyReadTimeout.plus(IDLE_TIMEOUT_MARGIN).compareTo(idle) > 0) {
            throw new IllegalStateException("paymentflow.webhook.body-read-timeout (" + bodyReadTimeout.toMillis()
                    + " ms) must be at least " + IDLE_TIMEOUT_MARGIN.toSeconds()
                    + " s below server.tomcat.connection-timeout (" + idle.toMillis() + " ms): a stalled body would"
                    + " be cut by the container without its 408 answer");
        }
    }

    /** After the context's refresh, in which Camel starts the routes. */
    @EventListener(ApplicationStartedEvent.class)
    void serviceStarted() {
        started = true;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod())
                && webhook.path().equals(paths.getPathWithinApplication(request)));
    }

    /** The route runs in the asynchronous dispatch that follows the body: it must pass here too. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            byte[] body = (byte[]) request.getAttribute(BODY);
            if (body != null) {
                chain.doFilter(new BufferedBodyRequest(request, body), response);
            }
            return;
        }
        if (!started) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(STARTING_RETRY_AFTER_SECONDS));
            answer(response, HttpStatus.SERVICE_UNAVAILABLE,
                    "Service unavailable: the service is starting, please retry");
            return;
        }
        if (!isJson(request.getContentType())) {
            refuse(request, response, RefusalReason.UNSUPPORTED_MEDIA_TYPE);
            return;
        }
        if (!ContentCodings.isUncoded(request.getHeaders(HttpHeaders.CONTENT_ENCODING))) {
            refuse(request, response, RefusalReason.UNSUPPORTED_CONTENT_ENCODING);
            return;
        }
        if (request.getContentLengthLong() > webhook.maxBodyBytes()) {
            refuse(request, response, RefusalReason.PAYLOAD_TOO_LARGE);
            return;
        }
        ByteArrayOutputStream arrived = readArrived(request);
        if (arrived.size() == request.getContentLengthLong()) {
            // all of it came with the headers, as it does from PaymentFlow: on to the route at once, without the
            // asynchronous read and second dispatch through the container (about a tenth of a webhook's cost)
            chain.doFilter(new BufferedBodyRequest(request, arrived.toByteArray()), response);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(webhook.bodyReadTimeout().toMillis());
        BodyReader reader = new BodyReader(request, async, arrived);
        async.addListener(reader);
        request.getInputStream().setReadListener(reader);
    }

    /**
     * The body bytes of a request with a Content-Length that have already been received, up to that length: only
     * what can be read without blocking ({@link InputStream#available()}), so a slow body still holds no thread.
     */
    private static ByteArrayOutputStream readArrived(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        byte[] buffer = new byte[8192];
        // room for a usual webhook; a client that only declares a large body is given no more until it sends it
        ByteArrayOutputStream arrived = new ByteArrayOutputStream((int) Math.min(Math.max(0, declared), buffer.length));
        InputStream in = request.getInputStream();
        while (arrived.size() < declared && in.available() > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, declared - arrived.size()));
            if (read < 0) {
                break;
            }
            arrived.write(buffer, 0, read);
        }
        return arrived;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.includes(type)
                    || ("application".equals(type.getType()) && type.getSubtype().endsWith("+json"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, RefusalReason reason)
            throws IOException {
        outcomes.refused(reason, request.getRemoteAddr());
        if (reason == RefusalReason.UNSUPPORTED_MEDIA_TYPE) {
            answer(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type: send application/json");
        } else if (reason == RefusalReason.UNSUPPORTED_CONTENT_ENCODING) {
            answer(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported content encoding: send the body uncompressed");
        } else {
            answer(response, HttpStatus.PAYLOAD_TOO_LARGE,
                    "Payload too large: the limit is " + webhook.maxBodyBytes() + " bytes");
        }
    }

    private static void answer(HttpServletResponse response, HttpStatus status, String reason) throws IOException {
        byte[] body = reason.getBytes(UTF_8);
        response.setStatus(status.value());
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Collects the body as the container delivers it, then dispatches to the route; or refuses it when it grows
     * past the limit or takes too long. The container calls these methods one at a time for a request.
     */
    private final class BodyReader implements ReadListener, AsyncListener {

        private final HttpServletRequest request;
        private final AsyncContext async;
        private final ByteArrayOutputStream body;
        private final byte[] buffer = new byte[8192];
        private volatile boolean done;

        /** @param arrived the part of the body already read */
        BodyReader(HttpServletRequest request, AsyncContext async, ByteArrayOutputStream arrived) {
            this.request = request;
            this.async = async;
            this.body = arrived;
        }

        @Override
        public void onDataAvailable() throws IOException {
            ServletInputStream in = request.getInputStream();
            while (!done && in.isReady()) {
                int read = in.read(buffer);
                if (read < 0) {
                    return;
                }
                if (body.size() + read > webhook.maxBodyBytes()) {
                    finish();
                    refuse(request, (HttpServletResponse) async.getResponse(), RefusalReason.PAYLOAD_TOO_LARGE);
                    async.complete();
                    return;
                }
                body.write(buffer, 0, read);
            }
        }

        @Override
        public void onAllDataRead() {
            if (finish()) {
                request.setAttribute(BODY, body.toByteArray());
                async.dispatch();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            if (finish()) {
                outcomes.refused(RefusalReason.BODY_TIMEOUT, request.getRemoteAddr());
                HttpServletResponse response = (HttpServletResponse) async.getResponse();
                response.setHeader("Connection", "close");
                answer(response, HttpStatus.REQUEST_TIMEOUT, "Request timeout: the body did not arrive in time");
                async.complete();
            }
        }

        /** The client went away, or reading failed: there is no one left to answer. */
        @Override
        public void onError(Throwable failure) {
            if (finish()) {
                async.complete();
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onComplete(AsyncEvent event) {
            // nothing to release
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not restarted
        }

        /** @return whether this call ended the reading (only one of them does) */
        private synchronized boolean finish() {
            if (done) {
                return false;
            }
            done = true;
            return true;
        }
    }

    /** A request whose body has been read once and is served again from memory. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new BufferedServletInputStream(new ByteArrayInputStream(body));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    private static final class BufferedServletInputStream extends ServletInputStream {

        private final InputStream in;

        BufferedServletInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public boolean isFinished() {
            try {
                return in.available() == 0;
            } catch (IOException e) {
                return true;
            }
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener readListener) {
            throw new UnsupportedOperationException("the body is already in memory");
        }
    }
}
