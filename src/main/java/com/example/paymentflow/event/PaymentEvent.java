package com.example.paymentflow.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.web.util.UriUtils;

/**
 * A PaymentFlow event: its id and type, checked on receipt, the exact bytes it was signed as, and typed access to
 * {@code data.object} for the destinations, which fail with {@link IncompleteEventException} when a field they
 * need is missing.
 */
public record PaymentEvent(String id, String type, byte[] payload, JsonNode root) {

    /** 9999-12-31T23:59:59Z */
    private static final long LATEST_CREATED = 253_402_300_799L;

    /**
     * The event id as an HTTP header can carry it, for a destination's {@code Idempotency-Key}: percent-encoded as in
     * a URI (RFC 3986), so a PaymentFlow id (letters, digits, {@code _}) as it is. A header carries only ASCII: a
     * character beyond it reached the ERP as {@code ?}, and two events' keys could be equal; {@code %} is encoded
     * too, which keeps every two ids' keys apart.
     */
    public String idempotencyKey() {
        return UriUtils.encode(id, StandardCharsets.UTF_8);
    }

    /**
     * When PaymentFlow says the event happened: {@code created}, whole seconds since 1970, at most the end of year
     * 9999 (what ISO-8601 text and every system the event goes to can hold). Never made up when it is missing.
     */
    public Instant occurredAt() {
        JsonNode created = root.path("created");
        if (!created.isIntegralNumber()) {
            throw new IncompleteEventException("created is missing or not a whole number of seconds");
        }
        if (!created.canConvertToLong() || created.asLong() < 0 || created.asLong() > LATEST_CREATED) {
            throw new IncompleteEventException("created is out of range: not a time between 1970 and 9999");
        }
        return Instant.ofEpochSecond(created.asLong());
    }

    /** The payment or refund id ({@code data.object.id}), text without control characters. */
    public String objectId() {
        String id = requiredText(object().path("id"), "data.object.id");
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw new IncompleteEventException("data.object.id contains control characters");
        }
        return id;
    }

    /** A payment's or refund's amount in minor units (2999 for 29.99): a whole number, never negative. */
    public long amountMinor() {
        JsonNode amount = object().path("amount");
        if (!amount.isIntegralNumber() || !amount.canConvertToLong()) {
            throw new IncompleteEventException("data.object.amount is missing or not a whole number of minor units");
        }
        if (amount.asLong() < 0) {
            throw new IncompleteEventException("data.object.amount is negative");
        }
        return amount.asLong();
    }

    /** ISO 4217 code, upper case. */
    public String currency() {
        String currency = requiredText(object().path("currency"), "data.object.currency");
        if (!currency.matches("[A-Za-z]{3}")) {
            throw new IncompleteEventException("data.object.currency is not a three-letter currency code");
        }
        return currency.toUpperCase(Locale.ROOT);
    }

    public String customerEmail() {
        return requiredText(object().path("customer").path("email"), "data.object.customer.email");
    }

    public Optional<String> customerName() {
        return optionalText(object().path("customer").path("name"));
    }

    /** The customer's e-mail address and name, each null when the event has none; nothing else of the customer. */
    public Customer customer() {
        JsonNode customer = object().path("customer");
        return new Customer(optionalText(customer.path("email")).orElse(null),
                optionalText(customer.path("name")).orElse(null));
    }

    public record Customer(String email, String name) {

        @Override
        public String toString() {
            return "Customer[...]";
        }
    }

    private JsonNode object() {
        return root.path("data").path("object");
    }

    private static Optional<String> optionalText(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static String requiredText(JsonNode node, String field) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new IncompleteEventException(field + " is missing or not a string");
        }
        return node.asText();
    }

    @Override
    public String toString() {
        // the payload holds customer data: keep it out of logs
        return "PaymentEvent[id=" + id + ", type=" + type + "]";
    }
}
