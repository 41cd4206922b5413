package com.example.paymentflow.sandbox;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Events as PaymentFlow's sandbox sends them (the payload of PaymentFlow's guide), each with ids of its own so that
 * the service takes it as new.
 */
final class SampleEvents {

    static final List<String> TYPES = List.of("payment.succeeded", "payment.failed", "refund.created");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SampleEvents() {
    }

    /** @param type one of {@link #TYPES} */
    static byte[] of(String type) {
        boolean refund = type.startsWith("refund.");
        ObjectNode event = JSON.createObjectNode();
        event.put("id", newId("evt_"));
        event.put("type", type);
        event.put("created", Instant.now().getEpochSecond());
        ObjectNode object = event.putObject("data").putObject("object");
        object.put("id", newId(refund ? "re_" : "pay_"));
        object.put("amount", 2999);
        object.put("currency", "usd");
        object.put("status", type.equals("payment.failed") ? "failed" : "succeeded");
        if (refund) {
            object.put("payment", newId("pay_"));
        }
        ObjectNode customer = object.putObject("customer");
        customer.put("email", "customer@example.com");
        customer.put("name", "Jane Doe");
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newId(String prefix) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return prefix + HexFormat.of().formatHex(random);
    }
}
