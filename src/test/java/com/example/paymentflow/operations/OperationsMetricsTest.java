package com.example.paymentflow.operations;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.paymentflow.support.OperatorClient;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RunningService;
import com.example.paymentflow.support.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static com.example.paymentflow.support.OperatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The service's metrics at /actuator/metrics and /actuator/prometheus, as a monitoring system reads them. */
class OperationsMetricsTest extends OperationsEndToEndTest {

    private static final String METRIC = "/actuator/metrics/paymentflow.deliveries";

    @Test
    void deadDeliveryIsCountedInTheGaugeOfItsDestinationWithinARefresh() {
        eventDeadAtErp("payment.succeeded");

        eventually().untilAsserted(() -> assertThat(gauge("erp", "dead")).isEqualTo(countInDatabase("erp", "dead")));
        assertThat(gauge("erp", "dead")).isPositive();
    }

    @Test
    void everyDestinationReportsPendingFailedAndDead() {
        // neither destination can use an event without an amount: both deliveries are dead at once
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        ((ObjectNode) event.get("data").get("object")).remove("amount");
        String eventId = PaymentEvents.id(event);
        paymentflow.send(event);
        eventually().until(() -> deliveryStates(eventId).equals(Map.of("erp", "dead", "ledger", "dead")));

        eventually().untilAsserted(() -> {
            JsonNode metric = json(operator.get(METRIC));
            assertThat(tagValues(metric, "status")).containsExactlyInAnyOrder("pending", "failed", "dead");
            assertThat(tagValues(metric, "destination")).contains("erp", "ledger");
        });
    }

    @Test
    void aServiceJustStartedHasEveryDestinationsSeriesInItsFirstScrape() {
        try (RunningService fresh = RunningService.start(TestPostgres.get().createDatabase())) {
            // the service is ready once start returns: a monitoring system may scrape it now
            String scrape = OperatorClient.operator(fresh.baseUrl()).get("/actuator/prometheus").body();

            for (String destination : List.of("erp", "email", "ledger")) {
                for (String status : List.of("pending", "failed", "dead")) {
                    assertThat(scrape).contains("paymentflow_deliveries{destination=\"" + destination + "\",status=\""
                            + status + "\"} 0.0");
                }
            }
        }
    }

    @Test
    void metricsNeedTheOperatorsCredentials() {
        HttpResponse<String> answer = OperatorClient.anonymous(baseUrl()).get(METRIC + "?tag=status:dead");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).doesNotContain("measurements");
    }

    @Test
    void prometheusScrapeHasTheServicesMetricsBesideJvmHttpAndCamel() {
        // a refused signature and a dead delivery, so that their series exist
        paymentflow.post(PaymentEvents.bytes(PaymentEvents.event("payment.succeeded")), "0".repeat(64),
                "application/json");
        eventDeadAtErp("payment.succeeded");

        eventually().untilAsserted(() -> {
            HttpResponse<String> scrape = operator.get("/actuator/prometheus");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
            assertThat(scrape.body())
                    .containsPattern("(?m)^paymentflow_deliveries\\{destination=\"erp\",status=\"dead\"} [1-9]")
                    .containsPattern("(?m)^paymentflow_deliveries_oldest_due_age_seconds\\{destination=\"erp\"} ")
                    .containsPattern("(?m)^paymentflow_destination_failing_duration_seconds\\{destination=\"erp\"} ")
                    .containsPattern("(?m)^paymentflow_webhook_refusals_total\\{reason=\"signature_.*} [1-9]")
                    .containsPattern("(?m)^camel_exchanges_total\\{.*routeId=\"webhook-ingest\"} [1-9]")
                    .containsPattern("(?m)^camel_exchanges_failed_total\\{.*routeId=\"deliver-to-erp\"} [1-9]")
                    .containsPattern("(?m)^http_server_requests_seconds_count\\{.*uri=\"/webhooks/paymentflow\"")
                    .containsPattern("(?m)^jvm_memory_used_bytes\\{");
            // the ledger booked the event: its latency, in the buckets of the settings' objectives and no others
            String ledgerBuckets = "paymentflow_delivery_latency_seconds_bucket{destination=\"ledger\"";
            assertThat(scrape.body().lines().filter(line -> line.startsWith(ledgerBuckets))
                    .map(line -> line.replaceAll(".*le=\"([^\"]+)\".*", "$1")).toList())
                    .containsExactly("0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "30.0", "60.0", "300.0",
                            "900.0", "3600.0", "21600.0", "86400.0", "+Inf");
        });
    }

    @Test
    void prometheusNeedsTheOperatorsCredentials() {
        HttpResponse<String> answer = OperatorClient.anonymous(baseUrl()).get("/actuator/prometheus");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).doesNotContain("paymentflow_");
    }

    private long gauge(String destination, String status) {
        HttpResponse<String> answer = operator.get(
                METRIC + "?tag=destination:" + destination + "&tag=status:" + status);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer).get("measurements").get(0).get("value").asLong();
    }

    private long countInDatabase(String destination, String status) {
        return jdbc.queryForObject("SELECT count(*) FROM deliveries WHERE destination = ? AND status = ?", Long.class,
                destination, status);
    }

    private static List<String> tagValues(JsonNode metric, String tag) {
        List<String> values = new ArrayList<>();
        for (JsonNode available : metric.get("availableTags")) {
            if (available.get("tag").asText().equals(tag)) {
                available.get("values").forEach(value -> values.add(value.asText()));
            }
        }
        return values;
    }
}
