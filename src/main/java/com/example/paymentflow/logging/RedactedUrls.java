package com.example.paymentflow.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * URLs in a text cut to their scheme, host and port, for a log line or a recorded error: an address's path, query
 * and user info may carry a credential (a Slack-style webhook's token is its path), and a library's message quotes
 * the address it failed to reach whole.
 */
public final class RedactedUrls {

    private static final Pattern URL = Pattern.compile(
            "\\b([a-zA-Z][a-zA-Z0-9+.-]*://)(?:[^/?#@\\s]*@)?([^/?#@\\s]+?)([/?#]\\S*?)?"
                    // punctuation closing a sentence or quote after the URL stays
                    + "(?=[.,;:!)\\]'\">]*(?:\\s|$))");

    private RedactedUrls() {
    }

    /** The text with every URL in it reduced to scheme://host:port, and "/..." where more followed. */
    public static String in(String text) {
        if (text == null || !text.contains("://")) {
            return text;
        }
        Matcher url = URL.matcher(text);
        StringBuilder redacted = new StringBuilder();
        while (url.find()) {
            String kept = url.group(1) + url.group(2) + (url.group(3) == null ? "" : "/...");
            url.appendReplacement(redacted, Matcher.quoteReplacement(kept));
        }
        url.appendTail(redacted);
        return redacted.toString();
    }
}
