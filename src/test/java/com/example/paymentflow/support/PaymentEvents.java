package com.example.paymentflow.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** PaymentFlow events as PaymentFlow sends them, with fresh ids so that tests never see each other's events. */
public final class PaymentEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PaymentEvents() {
    }

    public static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public static ObjectNode event(String type) {
        return event(type, newId("evt_"), newId(type.startsWith("refund.") ? "re_" : "pay_"), 2999,
                "customer@example.com");
    }

    public static ObjectNode event(String type, String eventId, String objectId, long amountMinor, String email) {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", eventId);
        event.put("type", type);
        // an hour ago: well within the retention, whenever the tests run
        event.put("created", Instant.now().minus(1, ChronoUnit.HOURS).getEpochSecond());
        ObjectNode object = event.putObject("data").putObject("object");
        object.put("id", objectId);
        object.put("amount", amountMinor);
        object.put("currency", "usd");
        object.put("status", type.equals("payment.failed") ? "failed" : "succeeded");
        ObjectNode customer = object.putObject("customer");
        customer.put("email", email);
        customer.put("name", "Jane Doe");
        return event;
    }

    public static String id(ObjectNode event) {
        return event.get("id").asText();
    }

    /** When PaymentFlow says the event happened ({@code created}). */
    public static Instant created(ObjectNode event) {
        return Instant.ofEpochSecond(event.get("created").asLong());
    }

    public static String objectId(ObjectNode event) {
        return event.get("data").get("object").get("id").asText();
    }

    public static byte[] bytes(ObjectNode event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
