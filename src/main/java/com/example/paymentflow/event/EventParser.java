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
 * The id and type are keys and index entries downstream: they must be short (PaymentFlow's are about 20
 * characters; a key of thousands would not fit PostgreSQL's index and fail on every retry) and text that
 * PostgreSQL stores as it is (no control characters, no unpaired UTF-16 surrogates, which would be stored as '?').
 */
@Component
public class EventParser {

    public static final int MAX_FIELD_LENGTH = 255;

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
        if (text.length() > MAX_FIELD_LENGTH) {
            throw new MalformedEventException(
                    "Field '" + name + "' must have at most " + MAX_FIELD_LENGTH + " characters");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new MalformedEventException("Field '" + name + "' must not contain control characters");
        }
        if (text.codePoints().anyMatch(point -> point >= Character.MIN_SURROGATE && point <= Character.MAX_SURROGATE)) {
            throw new MalformedEventException("Field '" + name + "' must be valid Unicode");
        }
        return text;
    }
}
