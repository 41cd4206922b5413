package com.example.paymentflow.delivery;

import java.time.Duration;

import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RecordingErp;
import com.example.paymentflow.support.RunningService;
import com.example.paymentflow.support.TestEnvironment;
import com.example.paymentflow.support.TestPostgres;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A restart forgets nothing: processed events stay processed, undelivered ones are delivered afterwards, and an
 * attempt under way at a graceful stop is finished and recorded first.
 */
class RestartTest {

    private static final TestEnvironment ENV = TestEnvironment.get();

    @Test
    void afterARestartDuplicatesAreRecognisedAndPendingDeliveriesGoOut() {
        String database = TestPostgres.get().createDatabase();
        ObjectNode delivered = PaymentEvents.event("payment.succeeded");
        ObjectNode waiting = PaymentEvents.event("payment.succeeded");
        String waitingId = PaymentEvents.id(waiting);
        ENV.erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH)).willReturn(aResponse().withStatus(200)));
        ENV.erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH)).withRequestBody(containing(waitingId))
                .willReturn(aResponse().withStatus(503)));

        try (RunningService before = RunningService.start(database)) {
            assertThat(before.paymentflow().send(delivered).body()).isEqualTo("Webhook received");
            assertThat(before.paymentflow().send(waiting).body()).isEqualTo("Webhook received");
            await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(erpDeliveryStatus(before.jdbc(),
                    waitingId)));
        }
        ENV.erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH)).withRequestBody(containing(waitingId))
                .willReturn(aResponse().withStatus(200)));

        try (RunningService after = RunningService.start(database)) {
            assertThat(after.paymentflow().send(delivered).body()).isEqualTo("Event already processed");
            assertThat(after.paymentflow().send(waiting).body()).isEqualTo("Event already processed");
            await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(erpDeliveryStatus(after.jdbc(),
                    waitingId)));
            assertThat(after.jdbc().queryForObject("SELECT count(*) FROM ledger_entries", Integer.class)).isEqualTo(2);
        }
        assertThat(ENV.erp().findAll(postRequestedFor(urlPathEqualTo(TestEnvironment.ERP_PATH))
                .withRequestBody(containing(PaymentEvents.id(delivered))))).hasSize(1);
    }

    @Test
    void anAttemptUnderWayWhenTheServiceStopsIsFinishedAndRecorded() {
        String database = TestPostgres.get().createDatabase();
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        try (RecordingErp erp = new RecordingErp(Duration.ofSeconds(2))) {
            try (RunningService service = RunningService.start(database, "paymentflow.erp.url=" + erp.url())) {
                assertThat(service.paymentflow().send(event).body()).isEqualTo("Webhook received");
                await().atMost(Duration.ofSeconds(20)).until(() -> erp.requests() == 1);
            }

            // stopped gracefully: the attempt got its answer and its outcome is recorded, so no restart repeats it
            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database));
            assertThat(erpDeliveryStatus(jdbc, PaymentEvents.id(event))).isEqualTo("delivered");
            assertThat(erp.requests()).isEqualTo(1);
        }
    }

    private static String erpDeliveryStatus(JdbcTemplate jdbc, String eventId) {
        return jdbc.queryForObject(
                "SELECT status FROM deliveries WHERE event_id = ? AND destination = 'erp'", String.class, eventId);
    }
}
