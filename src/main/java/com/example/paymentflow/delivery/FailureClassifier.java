package com.example.paymentflow.delivery;

import java.sql.SQLException;
import java.util.Set;
import java.util.regex.Pattern;

import com.example.paymentflow.event.IncompleteEventException;
import com.example.paymentflow.event.MalformedEventException;
import jakarta.mail.internet.AddressException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * Decides whether a failed delivery attempt may succeed later. Permanent refusals go straight to dead: an ERP 4xx
 * other than 408, 425 and 429, a mail address the server rejects for good, an event lacking what the destination
 * needs, a {@link PermanentDeliveryException}, and data the database can never take (SQLSTATE class 22, data
 * exceptions, and class 23, integrity violations). Everything else is retried with backoff: 5xx, timeouts, refused
 * connections, the database's transient refusals (serialization failure 40001, deadlock 40P01, lock not available
 * 55P03, statement timeout 57014, connection errors 08xxx), and whatever is unknown.
 */
@Component
public class FailureClassifier {

    private static final Set<Integer> RETRYABLE_CLIENT_ERRORS = Set.of(408, 425, 429);
    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"',;:]+@[^\\s<>\"',;:]+");
    private static final int MAX_SUMMARY = 500;

    public FailureVerdict classify(Throwable failure) {
        HttpOperationFailedException http = find(failure, HttpOperationFailedException.class);
        if (http != null) {
            int status = http.getStatusCode();
            boolean permanent = status >= 400 && status < 500 && !RETRYABLE_CLIENT_ERRORS.contains(status);
            // not the URI: a destination URL may carry a credential
            return new FailureVerdict(!permanent, "answered HTTP " + status);
        }
        SMTPAddressFailedException refusedAddress = find(failure, SMTPAddressFailedException.class);
        if (refusedAddress != null) {
            int code = refusedAddress.getReturnCode();
            return new FailureVerdict(code < 500, "mail server refused the recipient (SMTP " + code + ")");
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

    /** No customer address and no more than fits on a line. */
    private static String scrub(String text) {
        String scrubbed = EMAIL.matcher(text).replaceAll("<address>");
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
