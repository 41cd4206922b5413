package com.example.paymentflow.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Guards the webhook endpoint at the HTTP layer, before Camel reads the body: only JSON is taken (415), a body
 * larger than the limit is refused without being read whole (413), and the accepted body is handed on as the
 * exact bytes that arrived, so that the signature is checked against what PaymentFlow signed.
 */
@Component
public class WebhookRequestGuard extends OncePerRequestFilter {

    private final WebhookProperties webhook;
    private final WebhookOutcomes outcomes;
    // the path as request mapping sees it: decoded, without ;parameters, so that no spelling of the path slips by
    private final UrlPathHelper paths = new UrlPathHelper();

    public WebhookRequestGuard(WebhookProperties webhook, WebhookOutcomes outcomes) {
        this.webhook = webhook;
        this.outcomes = outcomes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod())
                && webhook.path().equals(paths.getPathWithinApplication(request)));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isJson(request.getContentType())) {
            outcomes.refused(RefusalReason.UNSUPPORTED_MEDIA_TYPE, request.getRemoteAddr());
            reject(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type: send application/json");
            return;
        }
        int limit = webhook.maxBodyBytes();
        if (request.getContentLengthLong() > limit) {
            outcomes.refused(RefusalReason.PAYLOAD_TOO_LARGE, request.getRemoteAddr());
            reject(response, HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large: the limit is " + limit + " bytes");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(limit + 1);
        if (body.length > limit) {
            outcomes.refused(RefusalReason.PAYLOAD_TOO_LARGE, request.getRemoteAddr());
            reject(response, HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large: the limit is " + limit + " bytes");
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
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

    private static void reject(HttpServletResponse response, HttpStatus status, String reason) throws IOException {
        byte[] body = reason.getBytes(UTF_8);
        response.setStatus(status.value());
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
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
