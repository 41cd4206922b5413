package com.example.paymentflow.event;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventParserTest {

    private final EventParser parser = new EventParser();

    @Test
    void theIdempotencyKeyIsTheIdAsAnHttpHeaderCanCarryIt() {
        assertThat(idempotencyKeyOf("evt_1234567890abcdef")).isEqualTo("evt_1234567890abcdef");
        assertThat(idempotencyKeyOf("evt_\u7528\u6237")).isEqualTo("evt_%E7%94%A8%E6%88%B7");
        // "%" is encoded too: an id that looks encoded keeps a key of its own
        assertThat(idempotencyKeyOf("evt_%E7%94%A8%E6%88%B7")).isEqualTo("evt_%25E7%2594%25A8%25E6%2588%25B7");
        assertThat(idempotencyKeyOf("evt a/b")).isEqualTo("evt%20a%2Fb");
    }

    private String idempotencyKeyOf(String id) {
        return parser.parse(("{\"id\":\"" + id + "\",\"type\":\"payment.succeeded\"}").getBytes(UTF_8)).idempotencyKey();
    }

    @Test
    void readsIdTypeAndTheFieldsDestinationsNeed() {
        byte[] body = ("{\"id\":\"evt_1\",\"type\":\"payment.succeeded\",\"created\":1699564800,\"data\":{\"object\":"
                + "{\"id\":\"pay_1\",\"amount\":2999,\"currency\":\"usd\",\"customer\":{\"email\":\"c@example.com\","
                + "\"name\":\"Jane Doe\"}}}}").getBytes(UTF_8);

        PaymentEvent event = parser.parse(body);

        assertThat(event.id()).isEqualTo("evt_1");
        assertThat(event.type()).isEqualTo("payment.succeeded");
        assertThat(event.payload()).isSameAs(body);
        assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1699564800));
        assertThat(event.objectId()).isEqualTo("pay_1");
        assertThat(event.amountMinor()).isEqualTo(2999);
        assertThat(event.currency()).isEqualTo("USD");
        assertThat(event.customerEmail()).isEqualTo("c@example.com");
        assertThat(event.customerName()).contains("Jane Doe");
        assertThat(event.customer()).isEqualTo(new PaymentEvent.Customer("c@example.com", "Jane Doe"));
        assertThat(event.toString()).doesNotContain("c@example.com");
        assertThat(event.customer().toString()).doesNotContain("c@example.com").doesNotContain("Jane");
    }

    @Test
    void refusesBodiesThatAreNotAnEventObject() {
        assertMalformed("", "Body is empty");
        assertMalformed("{", "Body is not valid JSON");
        assertMalformed("\"evt\"", "Body must be a JSON object");
        assertMalformed("[{\"id\":\"evt_1\",\"type\":\"x\"}]", "Body must be a JSON object");
        assertMalformed("{\"type\":\"x\"}", "Field 'id' must be a non-empty string");
        assertMalformed("{\"id\":\"\",\"type\":\"x\"}", "Field 'id' must be a non-empty string");
        assertMalformed("{\"id\":1,\"type\":\"x\"}", "Field 'id' must be a non-empty string");
        assertMalformed("{\"id\":\"evt_1\",\"type\":[\"x\"]}", "Field 'type' must be a non-empty string");
        assertMalformed("{\"id\":\"evt\\u0000\",\"type\":\"x\"}", "Field 'id' must not contain control characters");
    }

    @Test
    void refusesIdsAndTypesThatCannotBeStoredAsTheyAre() {
        String longest = "e".repeat(EventParser.MAX_FIELD_LENGTH);
        assertThat(parser.parse(("{\"id\":\"" + longest + "\",\"type\":\"x\"}").getBytes(UTF_8)).id()).isEqualTo(longest);
        assertMalformed("{\"id\":\"" + longest + "e\",\"type\":\"x\"}", "Field 'id' must have at most 255 characters");
        assertMalformed("{\"id\":\"evt_1\",\"type\":\"" + longest + "t\"}", "Field 'type' must have at most 255 characters");
        assertMalformed("{\"id\":\"evt_\\ud800\",\"type\":\"x\"}", "Field 'id' must be valid Unicode");
        assertMalformed("{\"id\":\"evt_1\",\"type\":\"\\udc00x\"}", "Field 'type' must be valid Unicode");
        assertThat(parser.parse("{\"id\":\"evt_\\ud83d\\ude00\",\"type\":\"x\"}".getBytes(UTF_8)).id()).isEqualTo("evt_😀");
    }

    @Test
    void refusesAmbiguousJson() {
        assertMalformed("{\"id\":\"evt_1\",\"type\":\"x\",\"id\":\"evt_2\"}", "Body is not valid JSON");
        assertMalformed("{\"id\":\"evt_1\",\"type\":\"x\"} {\"id\":\"evt_2\"}", "Body is not valid JSON");
    }

    @Test
    void fieldsADestinationNeedsButTheEventLacksAreIncomplete() {
        PaymentEvent bare = parser.parse("{\"id\":\"evt_1\",\"type\":\"payment.failed\"}".getBytes(UTF_8));

        assertThatThrownBy(bare::objectId).isInstanceOf(IncompleteEventException.class)
                .hasMessage("data.object.id is missing or not a string");
        assertThatThrownBy(bare::amountMinor).isInstanceOf(IncompleteEventException.class);
        assertThatThrownBy(bare::currency).isInstanceOf(IncompleteEventException.class);
        assertThatThrownBy(bare::customerEmail).isInstanceOf(IncompleteEventException.class)
                .hasMessage("data.object.customer.email is missing or not a string");
        assertThatThrownBy(bare::occurredAt).isInstanceOf(IncompleteEventException.class)
                .hasMessage("created is missing or not a whole number of seconds");
        assertThat(bare.customerName()).isEmpty();
        assertThat(bare.customer()).isEqualTo(new PaymentEvent.Customer(null, null));

        PaymentEvent fractional = parser.parse(("{\"id\":\"e\",\"type\":\"t\",\"data\":{\"object\":{\"amount\":29.99,"
                + "\"currency\":\"dollars\"}}}").getBytes(UTF_8));
        assertThatThrownBy(fractional::amountMinor).isInstanceOf(IncompleteEventException.class);
        assertThatThrownBy(fractional::currency).isInstanceOf(IncompleteEventException.class);
    }

    @Test
    void valuesNoDestinationCouldTakeAreRefusedWithTheirReason() {
        PaymentEvent event = parser.parse(("{\"id\":\"e\",\"type\":\"refund.created\",\"created\":99999999999999,"
                + "\"data\":{\"object\":{\"id\":\"re_\\u0000x\",\"amount\":-500}}}").getBytes(UTF_8));

        assertThatThrownBy(event::objectId).hasMessage("data.object.id contains control characters");
        assertThatThrownBy(event::occurredAt).isInstanceOf(IncompleteEventException.class)
                .hasMessage("created is out of range: not a time between 1970 and 9999");
        assertThatThrownBy(event::amountMinor).hasMessage("data.object.amount is negative");
        for (String created : new String[] {"9223372036854775807", "-1", "1e20", "\"1699564800\"", "1699564800.5"}) {
            PaymentEvent odd = parser.parse(("{\"id\":\"e\",\"type\":\"t\",\"created\":" + created + "}").getBytes(UTF_8));
            assertThatThrownBy(odd::occurredAt).as(created).isInstanceOf(IncompleteEventException.class);
        }
        PaymentEvent last = parser.parse("{\"id\":\"e\",\"type\":\"t\",\"created\":253402300799}".getBytes(UTF_8));
        assertThat(last.occurredAt()).hasToString("9999-12-31T23:59:59Z");
    }

    private void assertMalformed(String body, String reason) {
        assertThatThrownBy(() -> parser.parse(body.getBytes(UTF_8)))
                .as(body)
                .isInstanceOf(MalformedEventException.class)
                .hasMessage(reason);
    }
}
