package com.example.paymentflow.ingest;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.example.paymentflow.support.CapturedLog;
import com.example.paymentflow.support.EndToEndTest;
import com.example.paymentflow.support.OperatorClient;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RunningService;
import com.example.paymentflow.support.TcpProxy;
import com.example.paymentflow.support.TestEnvironment;
import com.example.paymentflow.support.TestPostgres;
import com.example.paymentflow.support.WebhookClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Back-pressure: with PostgreSQL out of reach nothing can be stored, so PaymentFlow is told to retry (503). */
class DatabaseOutageTest {

    @Test
    void answers503WhileTheDatabaseIsUnreachableAndRecoversByItself() throws Exception {
        TestEnvironment.get().erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH))
                .willReturn(aResponse().withStatus(200)));
        String database = TestPostgres.get().createDatabase();
        try (TcpProxy proxy = TcpProxy.forJdbcUrl(database);
             RunningService service = RunningService.start(proxy.rewrite(database),
                     // background work that fails at each run while the database is gone, run often
                     "paymentflow.purge.interval=200ms", "paymentflow.metrics.delivery-counts-refresh=200ms",
                     "paymentflow.endpoint.refresh-interval=200ms");
             CapturedLog log = CapturedLog.start()) {
            WebhookClient paymentflow = service.paymentflow();
            ObjectNode event = PaymentEvents.event("payment.succeeded");
            String eventId = PaymentEvents.id(event);

            proxy.cut();
            // the first requests find broken pooled connections, the later ones none at all: all are 503
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> during = paymentflow.send(event);

                assertThat(during.statusCode()).isEqualTo(503);
                assertThat(during.body()).isEqualTo("Service unavailable: the event was not stored, please retry");
            }
            // one line for the outage, not one per webhook
            assertThat(log.linesMentioning("not stored, answering 503")).hasSize(1);
            // health answers say the database is down, and anyone's request writes nothing to the log
            for (OperatorClient client : List.of(OperatorClient.anonymous(service.baseUrl()),
                    OperatorClient.operator(service.baseUrl()))) {
                for (int i = 0; i < 3; i++) {
                    assertThat(client.get("/actuator/health").statusCode()).isEqualTo(503);
                }
            }
            assertThat(log.linesMentioning("health check failed")).isEmpty();

            // the operations API answers 503 (the operator may retry), in one summary line, not a stack trace each
            OperatorClient operator = OperatorClient.operator(service.baseUrl());
            for (HttpResponse<String> answer : List.of(operator.get("/api/deliveries"),
                    operator.get("/api/deliveries/summary"), operator.get("/api/events/" + eventId),
                    operator.post("/api/destinations/erp/pause", "application/json", "{\"reason\":\"outage\"}"))) {
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.body()).isEqualTo("{\"error\":\"the database is unavailable, please retry\"}");
            }
            assertThat(log.linesMentioning("answered 503: the database is unavailable")).hasSize(1);
            assertThat(log.linesMentioning("answering 500")).isEmpty();

            // the pollers say that they cannot claim, in a summary line, and keep trying
            await().atMost(Duration.ofSeconds(30)).until(() -> !log.linesMentioning(
                    "Deliveries to erp: could not claim due deliveries").isEmpty());
            assertThat(log.linesMentioning("delivery-poller failed")).isEmpty();
            // the purge, the gauges and the endpoint switch fail every 200 ms: one line each for the outage, not one
            // per run
            await().atMost(Duration.ofSeconds(10)).until(() -> !log.linesMentioning("purge-expired-events failed")
                    .isEmpty() && !log.linesMentioning("Delivery counts not refreshed").isEmpty()
                    && !log.linesMentioning("Endpoint switch not read from the database").isEmpty());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() ->
                    log.linesMentioning("purge-expired-events").size() == 1
                            && log.linesMentioning("Delivery counts not refreshed").size() == 1
                            && log.linesMentioning("Endpoint switch not read from the database").size() == 1);

            proxy.restore();
            // PaymentFlow retries until it gets a 2xx; the event was not stored, so it is new
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> paymentflow.send(event).statusCode() == 200);
            await().atMost(Duration.ofSeconds(20)).until(() -> EndToEndTest.deliveryStates(service.jdbc(), eventId)
                    .equals(Map.of("erp", "delivered", "ledger", "delivered")));
            assertThat(paymentflow.send(event).body()).isEqualTo("Event already processed");
            // and one line each when they work again
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    log.linesMentioning("Delivery counts refreshed again").size() == 1
                            && log.linesMentioning("Endpoint switch read from the database again").size() == 1);
        }
    }
}
