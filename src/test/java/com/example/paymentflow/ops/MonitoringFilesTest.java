package com.example.paymentflow.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.example.paymentflow.support.ExternalTool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What ops/ ships for Prometheus and Grafana: the alerting rules pass promtool's check and their unit tests
 * (ops/prometheus/paymentflow-rules.test.yml), the example configuration loads them, and every query of the
 * dashboard is valid PromQL. Skipped where promtool is not installed (Debian: apt-get install prometheus).
 */
class MonitoringFilesTest {

    private static final Path PROMETHEUS = Path.of("ops", "prometheus");
    private static final Path DASHBOARD = Path.of("ops", "grafana", "paymentflow-dashboard.json");
    private static final String INSTALL = "apt-get install prometheus";

    @Test
    void alertingRulesAreValid() {
        assertSucceeds(promtool().run(PROMETHEUS, "check", "rules", "paymentflow-rules.yml"));
    }

    @Test
    void alertingRulesFireWhenTheirUnitTestsSayTheyShould() {
        assertSucceeds(promtool().run(PROMETHEUS, "test", "rules", "paymentflow-rules.test.yml"));
    }

    @Test
    void exampleConfigurationScrapesTheServiceAndLoadsTheRules() {
        ExternalTool.Result check = promtool().run(PROMETHEUS, "check", "config", "prometheus.example.yml");

        assertSucceeds(check);
        assertThat(check.output()).contains("rules found");
    }

    @Test
    void everyDashboardQueryIsValidPromQl(@TempDir Path directory) throws IOException {
        List<String> queries = dashboardQueries();
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            rules.append("      - record: dashboard:query_").append(i).append('\n')
                    .append("        expr: '").append(queries.get(i).replace("'", "''")).append("'\n");
        }
        Files.writeString(directory.resolve("dashboard-queries.yml"), rules);

        ExternalTool.Result check = promtool().run(directory, "check", "rules", "dashboard-queries.yml");

        assertSucceeds(check);
        assertThat(check.output()).contains(queries.size() + " rules found");
    }

    @Test
    void dashboardShowsTheServicesOwnMetricsBesideJvmHttpAndCamel() throws IOException {
        String queries = String.join("\n", dashboardQueries());

        assertThat(queries).contains("paymentflow_webhooks_total", "paymentflow_webhook_refusals_total",
                "paymentflow_deliveries{", "paymentflow_delivery_attempts_total",
                "paymentflow_deliveries_oldest_due_age_seconds", "paymentflow_delivery_latency_seconds_bucket",
                "jvm_memory_used_bytes", "http_server_requests_seconds_count", "camel_exchanges_total");
    }

    private static List<String> dashboardQueries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.get("expr").asText());
            }
        }
        assertThat(queries).isNotEmpty();
        return queries;
    }

    private static ExternalTool promtool() {
        return ExternalTool.require("promtool", INSTALL);
    }

    private static void assertSucceeds(ExternalTool.Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
