package com.example.paymentflow.delivery;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.ServiceProcess;
import com.example.paymentflow.support.TestEnvironment;
import com.example.paymentflow.support.TestPostgres;
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

/**
 * kill -9 of the service while events arrive and deliveries run: every acknowledged event is delivered after the
 * restart, the ledger books each once, and whatever the ERP receives again carries the same Idempotency-Key.
 */
class CrashRecoveryTest {

    private static final TestEnvironment ENV = TestEnvironment.get();
    private static final String SECRET = "whsec_crash_test";

    @Test
    void noAcknowledgedEventIsLostOrBookedTwiceAcrossAKill9() throws Exception {
        String database = TestPostgres.get().createDatabase();
        ENV.erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH))
                .willReturn(aResponse().withStatus(200).withFixedDelay(50)));
        Map<String, String> environment = new HashMap<>();
        environment.put("WEBHOOK_SECRET", SECRET);
        environment.put("SPRING_DATASOURCE_URL", database);
        environment.put("ERP_URL", ENV.erpUrl());
        environment.put("SMTP_HOST", "127.0.0.1");
        environment.put("SMTP_PORT", String.valueOf(ENV.smtpPort()));
        environment.put("EMAIL_FROM", "billing@merchant.example");
        int port = ServiceProcess.freePort();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();

        try (ServiceProcess crashing = ServiceProcess.start(Path.of("."), environment, port,
                "--paymentflow.delivery.poll-interval=100ms", "--paymentflow.delivery.lease=5s")) {
            assertThat(crashing.awaitHealthy(Duration.ofSeconds(120))).as("first start").isTrue();
            WebhookClient paymentflow = new WebhookClient(crashing.baseUrl(), SECRET);
            AtomicBoolean sending = new AtomicBoolean(true);
            ExecutorService senders = Executors.newFixedThreadPool(4);
            for (int i = 0; i < 4; i++) {
                senders.submit(() -> {
                    while (sending.get()) {
                        ObjectNode event = PaymentEvents.event("payment.succeeded");
                        try {
                            HttpResponse<String> answer = paymentflow.send(event);
                            if (answer.statusCode() == 200) {
                                acknowledged.add(PaymentEvents.id(event));
                            }
                        } catch (RuntimeException connectionLost) {
                            // the process is gone: this event was never acknowledged
                        }
                    }
                });
            }
            // kill while events arrive and deliveries run
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 60
                    && !ENV.erp().findAll(postRequestedFor(urlPathEqualTo(TestEnvironment.ERP_PATH))).isEmpty());
            crashing.kill();
            sending.set(false);
            senders.shutdown();
            assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        int undeliveredAtCrash = count(database, "SELECT count(*) FROM deliveries WHERE status <> 'delivered'");

        try (ServiceProcess restarted = ServiceProcess.start(Path.of("."), environment, port,
                "--paymentflow.delivery.poll-interval=100ms", "--paymentflow.delivery.lease=5s")) {
            assertThat(restarted.awaitHealthy(Duration.ofSeconds(120))).as("restart").isTrue();

            await().atMost(Duration.ofSeconds(60)).until(() ->
                    count(database, "SELECT count(*) FROM deliveries WHERE status <> 'delivered'") == 0);
        }
        assertThat(undeliveredAtCrash).as("deliveries the crash interrupted or left waiting").isPositive();
        assertThat(count(database, "SELECT count(*) FROM inbound_events WHERE event_id IN ("
                + quoted(acknowledged) + ")")).isEqualTo(acknowledged.size());
        assertThat(count(database, "SELECT count(*) FROM ledger_entries WHERE event_id IN (" + quoted(acknowledged)
                + ")")).isEqualTo(acknowledged.size());
        assertThat(count(database, "SELECT count(*) - count(DISTINCT event_id) FROM ledger_entries")).isZero();
        for (String eventId : acknowledged) {
            List<LoggedRequest> calls = ENV.erp().findAll(postRequestedFor(urlPathEqualTo(TestEnvironment.ERP_PATH))
                    .withRequestBody(containing(eventId)));
            assertThat(calls).as(eventId).isNotEmpty()
                    .allSatisfy(call -> assertThat(call.getHeader("Idempotency-Key")).isEqualTo(eventId));
        }
    }

    private static String quoted(Set<String> ids) {
        return String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
    }

    private static int count(String database, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(database);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }
}
