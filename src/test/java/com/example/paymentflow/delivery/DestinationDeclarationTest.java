package com.example.paymentflow.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RunningService;
import com.example.paymentflow.support.ServiceProcess;
import com.example.paymentflow.support.TestEnvironment;
import com.example.paymentflow.support.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Destinations are declared once: a route file deliver-to-name plus the name in the routing table. Start-up refuses a
 * routing table naming a destination without a route, and a destination route nothing routes to, naming the file,
 * line and name.
 */
class DestinationDeclarationTest {

    private static final String CRM_ROUTE = """
            # Destination: a CRM, told of every payment (the destination contract: docs/routes.md)
            - route:
                id: deliver-to-crm
                routeConfigurationId: errors-to-caller
                from:
                  uri: direct:deliver-to-crm
                  steps:
                    - setBody:
                        expression:
                          simple:
                            expression: '{"event": "${header.eventId}", "type": "${header.eventType}", "attempt": ${header.deliveryAttempt}, "amount": ${body.amountMinor}}'
                    - removeHeaders:
                        pattern: "*"
                    - setHeader:
                        name: CamelHttpMethod
                        expression:
                          constant:
                            expression: POST
                    - to:
                        uri: "{{crm.url}}"
            """;

    @Test
    void aNewDestinationIsOneRouteFileAndItsNameInTheRoutingTable() throws IOException {
        Path routes = routesWith(CRM_ROUTE, "expression: erp, ledger", "expression: erp, ledger, crm");
        TestEnvironment.get().erp().stubFor(post(urlPathEqualTo("/crm")).willReturn(aResponse().withStatus(204)));
        ObjectNode event = PaymentEvents.event("payment.succeeded");

        try (RunningService service = startWith(routes,
                "crm.url=http://127.0.0.1:" + TestEnvironment.get().erp().port() + "/crm")) {
            assertThat(service.paymentflow().send(event).body()).isEqualTo("Webhook received");

            await().atMost(java.time.Duration.ofSeconds(20)).until(() -> !crmCalls(event).isEmpty());
        }
        List<LoggedRequest> told = crmCalls(event);
        assertThat(told).hasSize(1);
        assertThat(told.get(0).getBodyAsString())
                .contains("\"type\": \"payment.succeeded\"", "\"attempt\": 1", "\"amount\": 2999");
    }

    /** The CRM of docs/routes.md ("Add a destination"), copied as it is written there, gets valid JSON. */
    @Test
    void theDocumentedExampleWorksAsWritten() throws IOException {
        Path routes = routesWith(documentedCrmRoute(), "expression: erp, ledger", "expression: erp, ledger, crm");
        TestEnvironment.get().erp().stubFor(post(urlPathEqualTo("/crm")).willReturn(aResponse().withStatus(204)));
        // a quote and a backslash, which JSON written as text around ${...} would break on
        ObjectNode event = PaymentEvents.event("payment.succeeded", PaymentEvents.newId("evt_"),
                PaymentEvents.newId("pay_q\"uo\\te_"), 2999, "customer@example.com");

        try (RunningService service = startWith(routes,
                "paymentflow.crm.url=http://127.0.0.1:" + TestEnvironment.get().erp().port() + "/crm")) {
            assertThat(service.paymentflow().send(event).body()).isEqualTo("Webhook received");

            await().atMost(java.time.Duration.ofSeconds(20)).until(() -> !crmCallsKeyed(event).isEmpty());
        }
        LoggedRequest told = crmCallsKeyed(event).get(0);
        JsonNode body = new ObjectMapper().readTree(told.getBodyAsString());
        assertThat(body.get("payment_id").asText()).isEqualTo(PaymentEvents.objectId(event));
        assertThat(body.get("amount_minor").asLong()).isEqualTo(2999);
        assertThat(told.getHeader("Idempotency-Key")).isEqualTo(PaymentEvents.id(event));
        assertThat(told.getHeader("Content-Type")).startsWith("application/json");
    }

    @Test
    void aRoutingTableNamingAnUnknownDestinationStopsStartUpNamingFileLineAndName() throws IOException {
        Path routes = routesWith(null, "expression: erp, ledger", "expression: erp, ledgr");

        assertThatThrownBy(() -> startWith(routes).close())
                .hasStackTraceContaining("event-routing.camel.yaml, line ")
                .hasStackTraceContaining("the routing table names destination 'ledgr', but there is no route "
                        + "deliver-to-ledgr (destinations: email, erp, ledger)");
    }

    @Test
    void aDestinationRouteThatNothingRoutesToStopsStartUp() throws IOException {
        Path routes = routesWith(CRM_ROUTE, null, null);

        assertThatThrownBy(() -> startWith(routes, "crm.url=http://127.0.0.1:1/crm").close())
                .hasStackTraceContaining("crm.camel.yaml, line ")
                .hasStackTraceContaining("the destination route deliver-to-crm receives nothing: name 'crm' in the "
                        + "routing table");
    }

    private static List<LoggedRequest> crmCalls(ObjectNode event) {
        return TestEnvironment.get().erp().findAll(postRequestedFor(urlPathEqualTo("/crm"))
                .withRequestBody(containing(PaymentEvents.id(event))));
    }

    private static List<LoggedRequest> crmCallsKeyed(ObjectNode event) {
        return TestEnvironment.get().erp().findAll(postRequestedFor(urlPathEqualTo("/crm"))
                .withHeader("Idempotency-Key", equalTo(PaymentEvents.id(event))));
    }

    /** The first YAML block of docs/routes.md after "## Add a destination", without the list's indentation. */
    private static String documentedCrmRoute() throws IOException {
        String docs = Files.readString(Path.of("docs", "routes.md"));
        String section = docs.substring(docs.indexOf("## Add a destination"));
        String block = section.substring(section.indexOf("```yaml\n") + "```yaml\n".length());
        block = block.substring(0, block.indexOf("```"));
        return block.lines().map(line -> line.length() >= 3 ? line.substring(3) : line.strip())
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    }

    /** A copy of routes/ with the CRM destination file (if given) and one edit of the routing table (if given). */
    private static Path routesWith(String crmRoute, String tableText, String replacement) throws IOException {
        Path routes = ServiceProcess.copyOfProjectLayout().resolve("routes");
        if (crmRoute != null) {
            Files.writeString(routes.resolve("crm.camel.yaml"), crmRoute);
        }
        if (tableText != null) {
            Path table = routes.resolve("event-routing.camel.yaml");
            Files.writeString(table, Files.readString(table).replaceFirst(tableText, replacement));
        }
        return routes;
    }

    private static RunningService startWith(Path routes, String... settings) {
        String[] all = new String[settings.length + 1];
        all[0] = "camel.main.routes-include-pattern=file:" + routes + "/*.camel.yaml";
        System.arraycopy(settings, 0, all, 1, settings.length);
        return RunningService.start(TestPostgres.get().createDatabase(), all);
    }
}
