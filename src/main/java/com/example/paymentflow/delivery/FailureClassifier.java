package com.example.paymentflow.delivery;

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
 * Decides whether a failed delivery attempt may succeed later. Permanent refusals (an ERP 4xx other than 408,
 * 425 and 429, a mail address the server rejects for good, an event lacking what the destination needs) go straight
 * to dead; everything else (5xx, timeouts, refused connections, a database hiccup) is retried.
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

    private static String describe(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        if (root != failure) {
            text = failure.getClass().getSimpleName() + " caused by " + text;
        }
        text = EMAIL.matcher(text).replaceAll("<address>");
        return text.length() > MAX_SUMMARY ? text.substring(0, MAX_SUMMARY) : text;
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
