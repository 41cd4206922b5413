package com.example.paymentflow.delivery;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import com.example.paymentflow.event.IncompleteEventException;
import com.example.paymentflow.event.MalformedEventException;
import com.example.paymentflow.logging.RedactedAddresses;
import com.example.paymentflow.logging.RedactedUrls;
import jakarta.mail.internet.AddressException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

import static java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME;

/**
 * Decides whether a failed delivery attempt may succeed later. Permanent refusals go straight to dead: an HTTP 4xx
 * other than 408, 409, 425 and 429, a permanent redirect (301, 308), a mail address or a message the mail server
 * rejects for good (SMTP 5xx), an event lacking what the destination needs, a {@link PermanentDeliveryException},
 * and data the database can never take (SQLSTATE class 22, data exceptions, and class 23, integrity violations).
 * Everything else is retried with backoff, not sooner than an HTTP answer's {@code Retry-After} asks: 5xx,
 * timeouts, refused connections, the database's transient refusals (serialization failure 40001, deadlock 40P01,
 * lock not available 55P03, statement timeout 57014, connection errors 08xxx), and whatever is unknown.
 */
@Component
public class FailureClassifier {

    /**
     * 409: what a server that de-duplicates on the Idempotency-Key answers while a request with the same key is
     * still in progress (draft-ietf-httpapi-idempotency-key-header), e.g. the attempt before that timed out here.
     */
    private static final Set<Integer> RETRYABLE_CLIENT_ERRORS = Set.of(408, 409, 425, 429);
    private static final Set<Integer> PERMANENT_REDIRECTS = Set.of(301, 308);
    private static final Pattern DELAY_SECONDS = Pattern.compile("\\d+");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");
    private static final int MAX_SUMMARY = 500;

    private final Clock clock;

    public FailureClassifier() {
        this(Clock.systemUTC());
    }

    FailureClassifier(Clock clock) {
        this.clock = clock;
    }

    public FailureVerdict classify(Throwable failure) {
        HttpOperationFailedException http = find(failure, HttpOperationFailedException.class);
        if (http != null) {
            return classifyAnswer(http);
        }
        SMTPAddressFailedException refusedAddress = find(failure, SMTPAddressFailedException.class);
        if (refusedAddress != null) {
            int code = refusedAddress.getReturnCode();
            return new FailureVerdict(code < 500, "mail server refused the recipient (SMTP " + code + ")");
        }
        SMTPSendFailedException refusedMessage = find(failure, SMTPSendFailedException.class);
        if (refusedMessage != null && refusedMessage.getReturnCode() >= 500) {
            // RFC 5321: a 5xx is final for this message (content refused, too large...); sent again it is refused again
            return new FailureVerdict(false, "mail server refused the message (SMTP " + refusedMessage.getReturnCode()
                    + ")");
        }
        if (find(failure, AddressException.class) != null) {
            return new FailureVerdict(false, "the customer e-mail address is not valid");
        }
        PermanentDeliveryException permanent = find(failure, PermanentDeliveryException.class);
        if (permanent != null) {
            return new FailureVerdict(false, scrub(permanent.getMessage()));
        }
        SQLException sql = find(failure, SQLException.class);
        if (sql != null && sql.getSQLState() != null) {
            return classifyStatementError(sql);
        }
        IncompleteEventException incomplete = find(failure, IncompleteEventException.class);
        if (incomplete != null) {
            return new FailureVerdict(false, incomplete.getMessage());
        }
        MalformedEventException malformed = find(failure, MalformedEventException.class);
        if (malformed != null) {
            return new FailureVerdict(false, "stored event is unreadable: " + malformed.getMessage());
        }
        return new FailureVerdict(true, describe(failure));
    }

    private FailureVerdict classifyAnswer(HttpOperationFailedException http) {
        int status = http.getStatusCode();
        // not the URI: a destination URL may carry a credential
        String summary = "answered HTTP " + status;
        if (PERMANENT_REDIRECTS.contains(status)) {
            return new FailureVerdict(false, summary + " (moved permanently: the destination's URL needs updating)");
        }
        if (status >= 400 && status < 500 && !RETRYABLE_CLIENT_ERRORS.contains(status)) {
            return new FailureVerdict(false, summary);
        }
        Duration retryAfter = retryAfter(http.getResponseHeaders());
        if (retryAfter.isZero()) {
            return new FailureVerdict(true, summary);
        }
        return new FailureVerdict(true, summary + ", Retry-After " + retryAfter.toSeconds() + " s", retryAfter);
    }

    /** An answer's Retry-After (RFC 9110, 10.2.3): seconds, or an HTTP date; zero when absent, past or unreadable. */
    private Duration retryAfter(Map<String, String> headers) {
        String value = headers == null ? null : headers.entrySet().stream()
                .filter(header -> "Retry-After".equalsIgnoreCase(header.getKey()))
                .map(Map.Entry::getValue).filter(Objects::nonNull).map(String::strip).findFirst().orElse(null);
        if (value == null || value.isEmpty()) {
            return Duration.ZERO;
        }
        try {
            Duration wait = DELAY_SECONDS.matcher(value).matches()
                    ? Duration.ofSeconds(seconds(value))
                    : Duration.between(clock.instant(), ZonedDateTime.parse(value, RFC_1123_DATE_TIME).toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException unreadable) {
            return Duration.ZERO;
        }
    }

    /** More seconds than a long holds is as long as can be: the retry schedule caps it. */
    private static long seconds(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            return Long.MAX_VALUE;
        }
    }

    private static FailureVerdict classifyStatementError(SQLException sql) {
        String state = sql.getSQLState();
        // the first line only: the server's detail lines may quote the row, customer data included
        String message = sql.getMessage() == null ? "" : sql.getMessage().lines().findFirst().orElse("");
        String text = scrub("SQLSTATE " + state + ": " + message);
        if (state.startsWith("22") || state.startsWith("23")) {
            return new FailureVerdict(false, "the database refused the data for good (" + text + ")");
        }
        return new FailureVerdict(true, text);
    }

    private static String describe(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        if (root != failure) {
            text = failure.getClass().getSimpleName() + " caused by " + text;
        }
        return scrub(text);
    }

    /** No customer address, no URL's path or user info (it may hold a credential), no more than fits on a line. */
    private static String scrub(String text) {
        String scrubbed = LINE_BREAKS.matcher(RedactedAddresses.in(RedactedUrls.in(text)))
                .replaceAll(" ").strip();
        return scrubbed.length() > MAX_SUMMARY ? scrubbed.substring(0, MAX_SUMMARY) : scrubbed;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
