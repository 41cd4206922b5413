package com.example.paymentflow.operations;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Turns the text an operator sends (query parameters and path segments of the operations API, arguments of the
 * JMX operations) into checked values, or refuses it with {@link InvalidQueryException}. An empty parameter
 * counts as absent (but see {@link #knownAndGiven}).
 */
@Component
public class OperationsParameters {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private static final Pattern DESTINATION = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final int MAX_EVENT_ID_LENGTH = 255;
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    static final int MAX_REASON_LENGTH = 500;

    /**
     * Refuses a query parameter the endpoint does not take: a misspelt filter ({@code destinaton=erp}) would
     * otherwise be ignored, and the listing, or the replay, would cover every destination. So is a parameter given
     * twice, and one whose name or value is not validly percent-encoded (the server drops such a value, which
     * would widen the scope in silence, or turn a dry run into a real one).
     *
     * @param names the parameters the endpoint takes, separated by spaces
     */
    public void knownOnly(String query, String names) {
        checkQuery(query, names, false);
    }

    /**
     * The same for an endpoint that changes something (a replay, a re-route): a parameter given empty is refused
     * too, where a listing takes it as absent. {@code dryRun=$DRY} or {@code destination=$DEST} with the variable
     * unset would otherwise run for real, or for every destination.
     */
    public void knownAndGiven(String query, String names) {
        checkQuery(query, names, true);
    }

    private static void checkQuery(String query, String names, boolean valuesRequired) {
        if (query == null || query.isEmpty()) {
            return;
        }
        List<String> known = List.of(names.trim().split("\\s+"));
        Set<String> given = new HashSet<>();
        for (String parameter : query.split("&")) {
            String[] nameAndValue = parameter.split("=", 2);
            String name;
            String value;
            try {
                name = UriUtils.decode(nameAndValue[0], StandardCharsets.UTF_8);
                value = nameAndValue.length < 2 ? "" : UriUtils.decode(nameAndValue[1], StandardCharsets.UTF_8);
            } catch (IllegalArgumentException badEscape) {
                throw new InvalidQueryException("the query string is not validly percent-encoded (a % must be "
                        + "followed by two hexadecimal digits; send % itself as %25)");
            }
            if (name.isEmpty()) {
                continue;
            }
            String shown = CONTROL.matcher(name.length() > 40 ? name.substring(0, 40) + "..." : name).replaceAll("?");
            if (!known.contains(name)) {
                throw new InvalidQueryException("unknown parameter '" + shown + "': this endpoint takes "
                        + String.join(", ", known));
            }
            if (!given.add(name)) {
                throw new InvalidQueryException("parameter '" + shown + "' is given more than once");
            }
            if (valuesRequired && value.isBlank()) {
                throw new InvalidQueryException("parameter '" + shown + "' is empty: give it a value, or leave it out");
            }
        }
    }

    public DeliveryQuery deliveryQuery(String status, String destination, String eventType, String from, String to,
                                       String limit, String before) {
        String checkedStatus = blankToNull(status);
        if (checkedStatus != null && !DeliveryStatuses.ALL.contains(checkedStatus)) {
            throw new InvalidQueryException("status must be one of " + String.join(", ", DeliveryStatuses.ALL));
        }
        Instant fromInstant = instant("from", from);
        Instant toInstant = instant("to", to);
        checkOrder(fromInstant, toInstant);
        return new DeliveryQuery(checkedStatus, destination(destination), eventType(eventType), fromInstant,
                toInstant, limit(limit), blankToNull(before) == null ? null : cursor(before));
    }

    public ReplayScope replayScope(String destination, String eventType, String from, String to) {
        Instant fromInstant = instant("from", from);
        Instant toInstant = instant("to", to);
        checkOrder(fromInstant, toInstant);
        ReplayScope scope = new ReplayScope(destination(destination), eventType(eventType), fromInstant, toInstant);
        if (scope.destination() == null && scope.eventType() == null && scope.from() == null && scope.to() == null) {
            throw new InvalidQueryException("give at least one of destination, eventType, from, to");
        }
        return scope;
    }

    /**
     * The stored events to route again: at least one of eventId, eventType, from, to, destination; at most
     * {@value #MAX_LIMIT} events per request (the default), continued after the last one (the answer's next).
     */
    public RerouteScope rerouteScope(String eventId, String eventType, String from, String to, String destination,
                                     String after, String limit, String dryRun) {
        Instant fromInstant = instant("from", from);
        Instant toInstant = instant("to", to);
        checkOrder(fromInstant, toInstant);
        String id = blankToNull(eventId) == null ? null : eventIdParameter(eventId);
        RerouteScope scope = new RerouteScope(id, eventType(eventType), fromInstant, toInstant,
                destination(destination), blankToNull(after) == null ? null : eventIdParameter(after),
                blankToNull(limit) == null ? MAX_LIMIT : limit(limit), flag("dryRun", dryRun));
        if (scope.eventId() == null && scope.eventType() == null && scope.from() == null && scope.to() == null
                && scope.destination() == null) {
            throw new InvalidQueryException("give at least one of eventId, eventType, from, to, destination");
        }
        return scope;
    }

    /**
     * An operator's reason for a change (pausing a destination, disabling the endpoint), as it will be logged and
     * shown: null when blank, else one trimmed line of at most {@value #MAX_REASON_LENGTH} characters (a line break
     * or another control character could forge log lines).
     */
    public static String reason(String text) {
        String reason = text == null ? null : text.trim();
        if (reason == null || reason.isEmpty()) {
            return null;
        }
        if (reason.length() > MAX_REASON_LENGTH || reason.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidQueryException("the reason must be one line of at most " + MAX_REASON_LENGTH
                    + " characters");
        }
        return reason;
    }

    public long deliveryId(String id) {
        long value = positive(id);
        if (value > 0) {
            return value;
        }
        throw new InvalidQueryException("the delivery id must be a positive whole number");
    }

    /** A page's last delivery id, after which the next page begins. */
    private static long cursor(String before) {
        long value = positive(before);
        if (value > 0) {
            return value;
        }
        throw new InvalidQueryException("before must be a delivery id: the id of the last delivery of the page before");
    }

    /** The text as a positive whole number, or 0 when it is none. */
    private static long positive(String text) {
        try {
            return Math.max(0, Long.parseLong(text == null ? "" : text.trim()));
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    /** The event id of a path segment, which reaches the route percent-encoded. */
    public String eventId(String pathSegment) {
        String id;
        try {
            id = pathSegment == null ? "" : UriUtils.decode(pathSegment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            throw new InvalidQueryException("the event id is not a valid URL path segment");
        }
        return eventIdParameter(id);
    }

    /** The event id of the query parameter {@code eventId}, which reaches the route decoded. */
    public String eventIdParameter(String id) {
        // no stored event id has a control character (EventParser refuses them); PostgreSQL refuses a NUL in text
        if (id == null || id.isBlank() || id.length() > MAX_EVENT_ID_LENGTH || CONTROL.matcher(id).find()) {
            throw new InvalidQueryException("the event id must have 1 to " + MAX_EVENT_ID_LENGTH
                    + " characters, none of them a control character");
        }
        return id;
    }

    private static String destination(String destination) {
        String value = blankToNull(destination);
        if (value != null && !DESTINATION.matcher(value).matches()) {
            throw new InvalidQueryException("destination must be a destination name such as erp, email or ledger");
        }
        return value;
    }

    private static String eventType(String eventType) {
        String value = blankToNull(eventType);
        if (value != null && !EVENT_TYPE.matcher(value).matches()) {
            throw new InvalidQueryException("eventType must be an event type such as payment.succeeded");
        }
        return value;
    }

    private static Instant instant(String name, String text) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            throw new InvalidQueryException(name + " must be an ISO-8601 instant such as 2026-11-27T10:15:30Z");
        }
        // what PostgreSQL holds (it refused +999999999-01-01 with a 500), and more than any event's time needs
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidQueryException(name + " must be an instant between the years 1 and 9999");
        }
        return instant;
    }

    private static void checkOrder(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidQueryException("from must be before to");
        }
    }

    private static int limit(String limit) {
        String value = blankToNull(limit);
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1 && parsed <= MAX_LIMIT) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new InvalidQueryException("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static boolean flag(String name, String text) {
        String value = blankToNull(text);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new InvalidQueryException(name + " must be true or false");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
