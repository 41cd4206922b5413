package com.example.paymentflow.event;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A PaymentFlow event: its id and type, checked on receipt, the exact bytes it was signed as, and typed access to
 * {@code data.object} for the destinations, which fail with {@link IncompleteEventException} when a field they
 * need is missing.
 */
public record PaymentEvent(String id, String type, byte[] payload, JsonNode root) {

    /** When PaymentFlow says the event happened ({@code created}, epoch seconds), if it says so. */
    public Optional<Instant> created() {
        JsonNode created = root.path("created");
        return created.canConvertToLong() ? Optional.of(Instant.ofEpochSecond(created.asLong())) : Optional.empty();
    }

    /** The payment or refund id ({@code data.object.id}). */
    public String objectId() {
        return requiredText(object().path("id"), "data.object.id");
    }

    public long amountMinor() {
        JsonNode amount = object().path("amount");
        if (!amount.isIntegralNumber() || !amount.canConvertToLong()) {
            throw new IncompleteEventException("data.object.amount is missing or not a whole number of minor units");
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
        JsonNode name = object().path("customer").path("name");
        return name.isTextual() && !name.asText().isBlank() ? Optional.of(name.asText()) : Optional.empty();
    }

    public JsonNode customer() {
        return object().path("customer");
    }

    private JsonNode object() {
        return root.path("data").path("object");
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
