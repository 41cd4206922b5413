package com.example.paymentflow.logging;

import java.util.regex.Pattern;

/**
 * E-mail addresses in a text replaced by {@code <address>}, for a log line or a recorded error: a mail server's
 * refusal quotes the customer's address, and so does a failing expression of a route that read it from the event.
 */
public final class RedactedAddresses {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"',;:]+@[^\\s<>\"',;:]+");

    private RedactedAddresses() {
    }

    public static String in(String text) {
        return text == null || text.indexOf('@') < 0 ? text : ADDRESS.matcher(text).replaceAll("<address>");
    }
}
