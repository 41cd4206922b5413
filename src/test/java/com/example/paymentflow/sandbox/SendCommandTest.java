package com.example.paymentflow.sandbox;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.paymentflow.support.EndToEndTest;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.ServiceProcess;
import com.example.paymentflow.support.WebhookClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox sender, {@code java -jar paymentflow-webhooks.jar send}, against the running service. */
class SendCommandTest extends EndToEndTest {

    private static final Pattern ANSWER = Pattern.compile("(?m)^(?:\\[bad signature\\] )?(\\S+) (evt_\\w+)"
            + "(?: \\(again\\))? -> (\\d{3}) (.*)$");

    @ParameterizedTest
    @CsvSource({"payment.succeeded, erp ledger", "payment.failed, email", "refund.created, erp ledger"})
    void sendsARealisticEventOfTheTypeThatTheServiceTakesAndDelivers(String type, String destinations) {
        Run run = send("--type", type);

        assertThat(run.exitCode()).as(run.output()).isZero();
        Answer answer = run.answers().get(0);
        assertThat(answer.type()).isEqualTo(type);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("Webhook received");
        assertThat(storedEvents(answer.eventId())).isEqualTo(1);
        eventually().untilAsserted(() -> assertThat(deliveryStates(answer.eventId()))
                .containsOnlyKeys(destinations.split(" "))
                .allSatisfy((destination, status) -> assertThat(status).isEqualTo("delivered")));
    }

    @Test
    void duplicateSendsTheSameEventAgainAndItIsStoredOnce() {
        Run run = send("--duplicate");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.answers()).extracting(Answer::body).containsExactly("Webhook received", "Event already processed");
        assertThat(run.answers().get(1).eventId()).isEqualTo(run.answers().get(0).eventId());
        assertThat(storedEvents(run.answers().get(0).eventId())).isEqualTo(1);
    }

    @Test
    void badSignatureIsRefusedNothingIsStoredAndTheExitCodeSaysSo() {
        Run run = send("--bad-signature", "--type", "payment.failed");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        Answer answer = run.answers().get(0);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo("Invalid signature");
        assertThat(storedEvents(answer.eventId())).isZero();
    }

    @Test
    void burstSendsThatManyNewEvents() {
        Run run = send("--count", "20");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.answers()).hasSize(20).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
        List<String> ids = run.answers().stream().map(Answer::eventId).distinct().toList();
        assertThat(ids).hasSize(20).allSatisfy(id -> assertThat(storedEvents(id)).isEqualTo(1));
        assertThat(run.output()).contains("20 sent: every answer was 2xx");
    }

    @Test
    void fileIsSentAndStoredByteForByte() throws Exception {
        String eventId = PaymentEvents.newId("evt_file_");
        // created now: an event older than the retention is not processed again
        byte[] body = ("{ \"id\": \"" + eventId + "\",\n  \"type\": \"refund.created\", \"created\": "
                + Instant.now().getEpochSecond() + ","
                + " \"data\": {\"object\": {\"id\": \"re_1\", \"amount\": 500, \"currency\": \"eur\","
                + " \"customer\": {\"email\": \"zoë@example.com\", \"name\": \"Zoë Ünal\"}}}}\n").getBytes(UTF_8);
        Path file = Files.createTempFile("event", ".json");
        Files.write(file, body);

        Run run = send("--file", file.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.answers().get(0).eventId()).isEqualTo(eventId);
        assertThat(jdbc.queryForObject("SELECT payload FROM inbound_events WHERE event_id = ?", byte[].class, eventId))
                .isEqualTo(body);
    }

    @Test
    void unreachableServiceIsAFailure() throws Exception {
        Run run = send("--url", "http://127.0.0.1:" + ServiceProcess.freePort() + "/webhooks/paymentflow");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("-> no answer:").contains("is the service running");
    }

    @Test
    void unknownTypeIsAUsageErrorNamingTheTypesThereAre() {
        Run run = send("--type", "payment.refunded");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errors()).contains("payment.succeeded, payment.failed, refund.created");
    }

    @Test
    void theJarRunsTheCommandWithoutStartingTheService() throws Exception {
        ServiceProcess.Finished run = ServiceProcess.run(Map.of("WEBHOOK_SECRET", WebhookClient.TEST_SECRET),
                Duration.ofSeconds(60), "send", "--url", paymentflow.endpoint(), "--type", "refund.created");

        assertThat(run.exitCode()).as(run.output()).isZero();
        Matcher answer = ANSWER.matcher(run.output());
        assertThat(answer.find()).as(run.output()).isTrue();
        assertThat(answer.group(3) + " " + answer.group(4)).isEqualTo("200 Webhook received");
        assertThat(storedEvents(answer.group(2))).isEqualTo(1);
        // no Spring, no Camel, no database: a client only
        assertThat(run.output()).doesNotContain("Spring", "Camel", "Tomcat", "HikariPool");

        ServiceProcess.Finished help = ServiceProcess.run(Map.of(), Duration.ofSeconds(60), "send", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("--url", "--secret", "--type", "--file", "--duplicate", "--bad-signature",
                "--count", "Exit code: 0 when every answer was 2xx");
    }

    private Run send(String... options) {
        List<String> args = new ArrayList<>(List.of("--secret", WebhookClient.TEST_SECRET));
        if (!List.of(options).contains("--url")) {
            args.addAll(List.of("--url", paymentflow.endpoint()));
        }
        args.addAll(List.of(options));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = SendCommand.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Answer(String type, String eventId, int status, String body) {
    }

    private record Run(int exitCode, String output, String errors) {

        List<Answer> answers() {
            List<Answer> answers = new ArrayList<>();
            Matcher line = ANSWER.matcher(output);
            while (line.find()) {
                answers.add(new Answer(line.group(1), line.group(2), Integer.parseInt(line.group(3)), line.group(4)));
            }
            return answers;
        }
    }
}
