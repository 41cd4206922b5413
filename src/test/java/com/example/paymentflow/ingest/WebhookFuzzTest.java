package com.example.paymentflow.ingest;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import com.example.paymentflow.support.EndToEndTest;
import com.example.paymentflow.support.KeptAliveClients;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.WebhookClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated bodies and headers, from a seed: no answer is a 5xx, nothing unsigned is accepted, and nothing of a
 * refused request is stored. Every case is made from the seed and its number alone, so a failure names both and
 * reproduces with {@code -Dfuzz.seed=<seed>} (the default seed is fixed, so every run sends the same cases).
 */
class WebhookFuzzTest extends EndToEndTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261128L);
    private static final int CASES = 11_000;
    private static final int CONNECTIONS = 8;
    private static final String SECRET = WebhookClient.TEST_SECRET;
    // no route delivers this type: accepted cases are stored and sent nowhere
    private static final String TYPE = "test.fuzz";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request, and what the fuzzer knows about it. */
    private record Case(int number, String mutations, byte[] body, byte[] request, boolean genuine, boolean control) {
    }

    private record Outcome(Case sent, int status, String answer) {
    }

    @Test
    void mutatedWebhooksAreNeverA5xxNeverAcceptedUnsignedAndNeverStoredWhenRefused() throws Exception {
        Timestamp start = jdbc.queryForObject("SELECT now()", Timestamp.class);
        List<Case> cases = IntStream.range(0, CASES).mapToObj(WebhookFuzzTest::generate).toList();

        List<KeptAliveClients.Result> results = KeptAliveClients.send(port, CONNECTIONS, CASES,
                n -> cases.get(n).request());

        List<String> broken = results.stream().filter(result -> result.failure() != null)
                .map(result -> describe(cases.get(result.number())) + ": " + result.failure()).toList();
        List<Outcome> outcomes = results.stream().filter(result -> result.answer() != null)
                .map(result -> new Outcome(cases.get(result.number()), result.answer().status(),
                        result.answer().bodyText())).toList();

        assertThat(broken).as("requests without a complete answer").isEmpty();
        assertThat(outcomes).hasSize(CASES);
        assertThat(outcomes.stream().filter(outcome -> !outcome.sent().control())).hasSizeGreaterThanOrEqualTo(10_000);
        for (Outcome outcome : outcomes) {
            String what = describe(outcome.sent()) + " answered " + outcome.status() + " " + outcome.answer();
            assertThat(outcome.status()).as(what).isLessThan(500);
            if (!outcome.sent().genuine()) {
                assertThat(outcome.status()).as(what).isNotEqualTo(200);
            }
            if (outcome.sent().control()) {
                assertThat(outcome.status()).as(what).isEqualTo(200);
            }
        }
        Set<String> received = new HashSet<>();
        for (Outcome outcome : outcomes) {
            if (outcome.status() == 200 && outcome.answer().equals("Webhook received")) {
                received.add(JSON.readTree(outcome.sent().body()).get("id").asText());
            }
        }
        Set<String> stored = new HashSet<>(jdbc.queryForList(
                "SELECT event_id FROM inbound_events WHERE received_at >= ?", String.class, start));
        assertThat(printable(difference(stored, received))).as("stored, but not answered 'Webhook received'").isEmpty();
        assertThat(printable(difference(received, stored))).as("answered 'Webhook received', but not stored").isEmpty();
    }

    /** The case of this number: the same on every run with the same seed. */
    private static Case generate(int number) {
        Random random = new Random(SEED * 1_000_003L + number);
        String id = "evt_fuzz_" + Long.toHexString(SEED) + "_" + number;
        byte[] original = PaymentEvents.bytes(PaymentEvents.event(TYPE, id, "pay_" + number, random.nextInt(100_000),
                "fuzz" + number + "@example.com"));
        List<String> mutations = new ArrayList<>();
        byte[] body = original;
        int bodyMutations = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < bodyMutations; i++) {
            body = mutateBody(body, random, mutations);
        }
        String signature;
        boolean genuine;
        switch (random.nextInt(8)) {
            case 0, 1, 2 -> {
                signature = WebhookClient.sign(body, SECRET);
                genuine = true;
                mutations.add("signed as sent");
            }
            case 3, 4 -> {
                signature = WebhookClient.sign(original, SECRET);
                genuine = java.util.Arrays.equals(body, original);
                mutations.add("signed before the mutations");
            }
            case 5 -> {
                signature = WebhookClient.sign(body, "whsec_forger");
                genuine = false;
                mutations.add("signed with another secret");
            }
            case 6 -> {
                signature = mutateSignature(WebhookClient.sign(body, SECRET), random, mutations);
                genuine = false;
            }
            default -> {
                signature = null;
                genuine = false;
                mutations.add("no signature");
            }
        }
        String contentType = "application/json";
        StringBuilder extraHeaders = new StringBuilder();
        if (random.nextInt(4) == 0) {
            contentType = pick(random, "application/json; charset=utf-8", "APPLICATION/JSON", "application/cloudevents+json",
                    "application/json;;", "text/json", "application/x-www-form-urlencoded", "*/*", "", "application/",
                    "application/json; charset=\"utf-8", null);
            mutations.add("content type " + contentType);
        }
        if (random.nextInt(4) == 0) {
            int count = 1 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                extraHeaders.append(randomHeader(random, signature));
            }
            mutations.add(count + " extra headers");
        }
        String head = "POST " + WebhookClient.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + (signature == null ? "" : WebhookClient.SIGNATURE_HEADER + ": " + signature + "\r\n")
                + extraHeaders + "Content-Length: " + body.length + "\r\n\r\n";
        boolean control = bodyMutations == 0 && genuine && "application/json".equals(contentType)
                && extraHeaders.isEmpty();
        return new Case(number, String.join("; ", mutations), body,
                WebhookClient.concat(head.getBytes(UTF_8), body), genuine, control);
    }

    private static byte[] mutateBody(byte[] body, Random random, List<String> mutations) {
        if (body.length == 0) {
            return body;
        }
        String text = new String(body, UTF_8);
        switch (random.nextInt(16)) {
            case 0 -> {
                byte[] flipped = body.clone();
                int at = random.nextInt(flipped.length);
                flipped[at] ^= (byte) (1 << random.nextInt(8));
                mutations.add("bit flipped at " + at);
                return flipped;
            }
            case 1 -> {
                int at = random.nextInt(body.length + 1);
                mutations.add("byte inserted at " + at);
                return splice(body, at, 0, new byte[] {(byte) random.nextInt(256)});
            }
            case 2 -> {
                int at = random.nextInt(body.length);
                mutations.add("byte deleted at " + at);
                return splice(body, at, 1, new byte[0]);
            }
            case 3 -> {
                int length = random.nextInt(body.length);
                mutations.add("truncated to " + length);
                return java.util.Arrays.copyOf(body, length);
            }
            case 4 -> {
                mutations.add("id repeated");
                return text.replaceFirst("\\{", "{\"id\":\"evt_other\",").getBytes(UTF_8);
            }
            case 5 -> {
                String replacement = pick(random, "42", "null", "\"\"", "[\"evt\"]", "{\"id\":1}", "\"evt\\u0000x\"",
                        "\"" + letters(random, 256 + random.nextInt(5000)) + "\"", "true", "\"   \"", "\"\\ud800\"");
                mutations.add("id replaced by " + abbreviate(replacement));
                return text.replaceFirst("\"id\":\"[^\"]*\"", "\"id\":" + java.util.regex.Matcher.quoteReplacement(replacement))
                        .getBytes(UTF_8);
            }
            case 6 -> {
                String replacement = pick(random, "7", "null", "\"\"", "\"" + letters(random, 256 + random.nextInt(3000)) + "\"",
                        "\"payment.succeeded\\n\"", "{}");
                mutations.add("type replaced by " + abbreviate(replacement));
                return text.replaceFirst("\"type\":\"[^\"]*\"", "\"type\":" + java.util.regex.Matcher.quoteReplacement(replacement))
                        .getBytes(UTF_8);
            }
            case 7 -> {
                int depth = 100 + random.nextInt(3000);
                mutations.add("nested " + depth + " deep");
                return ("{\"id\":\"evt_deep\",\"type\":\"" + TYPE + "\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
                        .getBytes(UTF_8);
            }
            case 8 -> {
                mutations.add("huge number");
                return text.replaceFirst("\"amount\":\\d+", "\"amount\":" + "9".repeat(100 + random.nextInt(2000)))
                        .getBytes(UTF_8);
            }
            case 9 -> {
                mutations.add("invalid UTF-8");
                return splice(body, random.nextInt(body.length), 0, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
            }
            case 10 -> {
                mutations.add("NUL bytes");
                return splice(body, random.nextInt(body.length), 0, new byte[random.nextInt(8) + 1]);
            }
            case 11 -> {
                mutations.add("trailing content");
                return (text + pick(random, "{}", " x", "\n{\"id\":\"evt_2\"}", ",", "\u0000")).getBytes(UTF_8);
            }
            case 12 -> {
                mutations.add("not an object");
                return pick(random, "[]", "\"evt\"", "123", "null", "", " ", "[" + text + "]").getBytes(UTF_8);
            }
            case 13 -> {
                mutations.add("whitespace and unicode");
                return text.replace(",", " ,\r\n\t").replace("Jane Doe", "Zoë Ñúñez 😀 \\u00e9").getBytes(UTF_8);
            }
            case 14 -> {
                mutations.add("byte order mark");
                return splice(body, 0, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            default -> {
                int from = random.nextInt(body.length);
                int length = Math.min(body.length - from, 1 + random.nextInt(16));
                mutations.add(length + " bytes overwritten at " + from);
                byte[] noise = new byte[length];
                random.nextBytes(noise);
                return splice(body, from, length, noise);
            }
        }
    }

    private static String mutateSignature(String signature, Random random, List<String> mutations) {
        char[] chars = signature.toCharArray();
        int at = random.nextInt(chars.length);
        String mutated = switch (random.nextInt(9)) {
            case 0 -> {
                chars[at] = chars[at] == '0' ? '1' : '0';
                yield new String(chars);
            }
            case 1 -> signature.substring(0, at);
            case 2 -> signature + "0";
            case 3 -> "sha256=" + signature;
            case 4 -> signature.replace('a', 'g');
            case 5 -> "t=1,v1=" + signature;
            case 6 -> signature.substring(0, 32) + " " + signature.substring(32);
            case 7 -> "[" + signature + ", " + signature + "]";
            default -> "0".repeat(64 + random.nextInt(2000));
        };
        if (mutated.equals(signature)) {
            // a replacement that found nothing to replace (a signature without an 'a'): still the genuine one
            mutated = signature + "0";
        }
        mutations.add("signature mutated to " + abbreviate(mutated));
        return mutated;
    }

    private static String randomHeader(Random random, String signature) {
        return switch (random.nextInt(6)) {
            case 0 -> "X-Fuzz-" + random.nextInt(1000) + ": " + "v".repeat(random.nextInt(200)) + "\r\n";
            case 1 -> WebhookClient.SIGNATURE_HEADER + ": " + (signature == null ? "0".repeat(64) : signature) + "\r\n";
            case 2 -> "Retry-After: 1\r\n";
            case 3 -> "Connection: close\r\n";
            case 4 -> "paymentflow-signature: " + "f".repeat(64) + "\r\n";
            default -> "Bad Header Name: x\r\n";
        };
    }

    private static String letters(Random random, int count) {
        StringBuilder letters = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] result = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(insert, 0, result, at, insert.length);
        System.arraycopy(bytes, at + remove, result, at + insert.length, bytes.length - at - remove);
        return result;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static Set<String> difference(Set<String> from, Set<String> without) {
        Set<String> difference = new HashSet<>(from);
        difference.removeAll(without);
        return difference;
    }

    private static List<String> printable(Set<String> ids) {
        return ids.stream().map(id -> abbreviate(id.chars().mapToObj(c -> c < 32 || c > 126
                ? String.format("\\u%04x", c) : String.valueOf((char) c)).collect(java.util.stream.Collectors.joining())))
                .toList();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "... (" + text.length() + " chars)";
    }

    private static String describe(Case sent) {
        return "fuzz case " + sent.number() + " of seed " + SEED + " (" + sent.mutations() + ")";
    }

}
