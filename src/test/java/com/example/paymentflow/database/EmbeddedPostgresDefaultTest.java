package com.example.paymentflow.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RunningService;
import com.example.paymentflow.support.ServiceProcess;
import com.example.paymentflow.support.TestEnvironment;
import com.example.paymentflow.support.WebhookClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With no database configured the service runs on its own PostgreSQL, whose data survives a restart. */
class EmbeddedPostgresDefaultTest {

    private static final String SECRET = "whsec_embedded_shutdown_test";

    @Test
    void runsWithoutAConfiguredDatabaseAndRemembersProcessedEventsAcrossARestart() throws Exception {
        Path home = Files.createTempDirectory("paymentflow-embedded",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Map<String, String> noDatabase = Map.of("paymentflow.embedded-postgres.data-directory",
                home.resolve("postgres").toString());
        ObjectNode event = PaymentEvents.event("payment.failed");

        try (RunningService first = RunningService.startWith(noDatabase)) {
            assertThat(first.paymentflow().send(event).body()).isEqualTo("Webhook received");
        }
        assertThat(home.resolve("postgres").resolve("PG_VERSION")).exists();

        try (RunningService second = RunningService.startWith(noDatabase)) {
            assertThat(second.paymentflow().send(event).body()).isEqualTo("Event already processed");
            assertThat(second.jdbc().queryForObject("SELECT count(*) FROM inbound_events WHERE event_id = ?",
                    Integer.class, PaymentEvents.id(event))).isEqualTo(1);
        }
    }

    /**
     * SIGTERM while the ERP is answering: the attempt finishes and its outcome is recorded before the embedded
     * server stops (it stopped first, on a shutdown hook of its own, and the ERP got the event again after the
     * restart).
     */
    @Test
    void aDeliveryInFlightAtShutdownIsRecordedBeforeTheEmbeddedDatabaseStops() throws Exception {
        Path home = Files.createTempDirectory("paymentflow-embedded",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        String dataDirectory = home.resolve("postgres").toString();
        TestEnvironment env = TestEnvironment.get();
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        String id = PaymentEvents.id(event);
        env.erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH)).withRequestBody(containing(id))
                .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
        Map<String, String> environment = Map.of("WEBHOOK_SECRET", SECRET, "ERP_URL", env.erpUrl(),
                "SMTP_HOST", "127.0.0.1", "SMTP_PORT", String.valueOf(env.smtpPort()),
                "EMAIL_FROM", "billing@merchant.example");

        try (ServiceProcess service = ServiceProcess.start(Path.of("."), environment, ServiceProcess.freePort(),
                "--paymentflow.embedded-postgres.data-directory=" + dataDirectory)) {
            assertThat(service.awaitHealthy(Duration.ofSeconds(120))).as("started").isTrue();
            assertThat(new WebhookClient(service.baseUrl(), SECRET).send(event).body()).isEqualTo("Webhook received");
            await().atMost(Duration.ofSeconds(20)).until(() -> !erpCalls(id).isEmpty());

            service.close();
        }

        try (RunningService restarted = RunningService.startWith(
                Map.of("paymentflow.embedded-postgres.data-directory", dataDirectory))) {
            assertThat(restarted.jdbc().queryForMap("SELECT status, attempts FROM deliveries "
                    + "WHERE event_id = ? AND destination = 'erp'", id))
                    .containsEntry("status", "delivered").containsEntry("attempts", 1);
        }
        assertThat(erpCalls(id)).hasSize(1);
    }

    private static List<LoggedRequest> erpCalls(String eventId) {
        return TestEnvironment.get().erp().findAll(postRequestedFor(urlPathEqualTo(TestEnvironment.ERP_PATH))
                .withRequestBody(containing(eventId)));
    }
}
