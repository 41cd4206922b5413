package com.example.paymentflow.event;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.springframework.stereotype.Component;

/**
 * Reads a verified body as a PaymentFlow event: a JSON object with a string {@code id} and {@code type}.
 * Duplicate keys and trailing content are refused, so that every system reading these bytes sees the same event.
 */
@Component
public class EventParser {

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public PaymentEvent parse(byte[] body) {
        if (body.length == 0) {
            throw new MalformedEventException("Body is empty");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("Body is not valid JSON");
        } catch (IOException e) {
            throw new MalformedEventException("Body could not be read as JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("Body must be a JSON object");
        }
        return new PaymentEvent(requiredField(root, "id"), requiredField(root, "type"), body, root);
    }

    private static String requiredField(JsonNode root, String name) {
        JsonNode value = root.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException("Field '" + name + "' must be a non-empty string");
        }
        String text = value.asText();
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new MalformedEventException("Field '" + name + "' must not contain control characters");
        }
        return text;
    }
}
