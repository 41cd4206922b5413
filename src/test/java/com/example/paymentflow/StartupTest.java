package com.example.paymentflow;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.example.paymentflow.retention.RetentionProperties;
import com.example.paymentflow.settings.UnknownSettingsCheck;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RunningService;
import com.example.paymentflow.support.ServiceProcess;
import com.example.paymentflow.support.TestEnvironment;
import com.example.paymentflow.support.TestPostgres;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * How the service starts, as an engineer sees it: from the routes/ and config/ of its working directory, and
 * stopping with a clear message and a non-zero exit code when a setting or a route file is wrong.
 */
class StartupTest {

    private static final TestEnvironment ENV = TestEnvironment.get();

    @ParameterizedTest
    @CsvSource({
            "paymentflow.signature.secrets, WEBHOOK_SECRET",
            "paymentflow.erp.url,           ERP_URL",
            "paymentflow.mail.host,         SMTP_HOST",
            "paymentflow.mail.from,         EMAIL_FROM"})
    void aMissingSettingStopsStartupNamingIt(String property, String variable) {
        String database = TestPostgres.get().createDatabase();

        assertThatThrownBy(() -> RunningService.start(database, property + "=").close())
                .hasStackTraceContaining(variable + " is not set");
    }

    @ParameterizedTest
    @CsvSource({
            // a retention of no time at all answered every new event "already processed", and stored none
            "paymentflow.retention,                  -1d, retention",
            "paymentflow.retention,                  1h,  retention",
            // a tolerance below zero refused every genuine signature
            "paymentflow.signature.tolerance,        -5,  tolerance",
            // a poll interval of none polled the database some 3,000 times a second
            "paymentflow.delivery.poll-interval,     0ms, pollInterval",
            // a lease of none handed an attempt still running to the next poll, again and again
            "paymentflow.delivery.lease,             0s,  lease",
            "paymentflow.purge.interval,             -1s, purge.interval"})
    void aDurationOutOfItsRangeStopsStartupNamingTheSetting(String property, String value, String field) {
        String database = TestPostgres.get().createDatabase();

        assertThatThrownBy(() -> RunningService.start(database, property + "=" + value).close())
                .hasStackTraceContaining("on field '" + field + "': rejected value")
                .hasStackTraceContaining("must be longer than or equal to");
    }

    @Test
    // the service sets up its logging as it starts, which removes a test's appender: its output is read instead
    @ExtendWith(OutputCaptureExtension.class)
    void aMisspeltSettingIsWarnedOfOnceAtStartUpNamingTheNearestSetting(CapturedOutput output) {
        try (RunningService service = RunningService.start(TestPostgres.get().createDatabase(),
                "paymentflow.retension=7d")) {
            assertThat(output.getOut().lines().filter(line -> line.contains(UnknownSettingsCheck.class.getSimpleName()))
                    // the tests' own variable, which this JVM has and the service does not read
                    .filter(line -> !line.contains("PAYMENTFLOW_TEST_"))).singleElement().asString()
                    .contains(" WARN ").endsWith(": paymentflow.retension (command line argument "
                            + "--paymentflow.retension) is not a setting of this service and is ignored; did you mean "
                            + "paymentflow.retention?");
            assertThat(service.bean(RetentionProperties.class).retention()).isEqualTo(Duration.ofDays(30));
        }
    }

    @Test
    void withoutWebhookSecretTheProcessExitsWithAClearMessage() throws Exception {
        Map<String, String> environment = settings(TestPostgres.get().createDatabase());
        environment.remove("WEBHOOK_SECRET");

        try (ServiceProcess service = ServiceProcess.start(Path.of("."), environment, ServiceProcess.freePort())) {
            assertThat(service.awaitExit(Duration.ofSeconds(90))).isEqualTo(1);
            assertThat(service.output()).contains("APPLICATION FAILED TO START").contains("WEBHOOK_SECRET is not set");
        }
    }

    @Test
    void everyRequiredSettingThatIsNotSetIsNamedAtOnce() throws Exception {
        Map<String, String> environment = settings(TestPostgres.get().createDatabase());
        List.of("WEBHOOK_SECRET", "ERP_URL", "SMTP_HOST", "EMAIL_FROM").forEach(environment::remove);

        try (ServiceProcess service = ServiceProcess.start(Path.of("."), environment, ServiceProcess.freePort())) {
            assertThat(service.awaitExit(Duration.ofSeconds(90))).isEqualTo(1);
            assertThat(service.output()).contains("APPLICATION FAILED TO START", "Required settings are not set:",
                    "- WEBHOOK_SECRET is not set", "- ERP_URL is not set", "- SMTP_HOST is not set",
                    "- EMAIL_FROM is not set");
        }
    }

    @Test
    void healthAnswers200OnlyOnceWebhooksAreTaken() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (ServiceProcess service = ServiceProcess.start(Path.of("."),
                settings(TestPostgres.get().createDatabase()), ServiceProcess.freePort())) {
            int health = 0;
            int unready = 0;
            while (health != 200) {
                health = status(http, HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/health")));
                assertThat(health).as("health while starting").isIn(0, 503, 200);
                unready += health == 503 ? 1 : 0;
                // the server listens before the routes run: not yet started (503), never an unknown path (404)
                assertThat(status(http, HttpRequest.newBuilder(URI.create(service.baseUrl() + "/webhooks/paymentflow"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))))
                        .as("webhook while starting").isIn(0, 503, 401);
                if (health == 200) {
                    // the webhook endpoint is there: an unsigned webhook is refused, not unknown
                    assertThat(status(http, HttpRequest.newBuilder(URI.create(service.baseUrl()
                            + "/webhooks/paymentflow")).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}")))).isEqualTo(401);
                }
                assertThat(service.awaitExit(Duration.ofMillis(100))).as("exited while starting").isNull();
            }
            // each of those answers says what is not ready yet; the log does not repeat it per route and request
            assertThat(unready).as("health answers 503 while starting").isPositive();
            assertThat(service.output()).doesNotContain("Probe in group")
                    // every setting of the shipped configuration is one the service reads
                    .doesNotContain("is not a setting of this service")
                    // nor a warning about the jars (commons-logging beside spring-jcl), printed twice
                    .doesNotContain("please remove commons-logging.jar");
        }
    }

    /** The status of the answer; 0 while nothing listens. */
    private static int status(HttpClient http, HttpRequest.Builder request) throws InterruptedException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException notListening) {
            return 0;
        }
    }

    static Stream<Arguments> brokenRouteFiles() {
        return Stream.of(
                Arguments.of("an unknown step", """
                        - route:
                            id: broken-route
                            from:
                              uri: direct:broken
                              steps:
                                - sendTo:
                                    uri: direct:nowhere
                        """, "in file:routes/broken.camel.yaml, line 6, column 11: Unknown node id: sendTo"),
                Arguments.of("a route without an id", """
                        - route:
                            from:
                              uri: direct:broken
                              steps:
                                - log:
                                    message: hello
                        """, "in file:routes/broken.camel.yaml, line 1: a route without an id"),
                Arguments.of("an unknown bean", """
                        - route:
                            id: broken-route
                            from:
                              uri: direct:broken
                              steps:
                                - bean:
                                    ref: noSuchBean
                        """, "in file:routes/broken.camel.yaml: Camel could not create route broken-route"),
                Arguments.of("a route configuration no file defines", """
                        - route:
                            id: broken-route
                            routeConfigurationId: no-such-handling
                            from:
                              uri: direct:broken
                              steps:
                                - log:
                                    message: hello
                        """, "file:routes/broken.camel.yaml, line 1: route broken-route uses route configuration "
                        + "'no-such-handling', which no route file defines"),
                Arguments.of("a step id another route uses", """
                        - route:
                            id: broken-route
                            from:
                              uri: direct:broken
                              steps:
                                - to:
                                    id: call-erp
                                    uri: direct:nowhere
                        """, "the step id 'call-erp' is already used in route "),
                Arguments.of("a route id another file uses", """
                        - route:
                            id: purge-expired-events
                            from:
                              uri: direct:broken
                              steps:
                                - log:
                                    message: hello
                        """, "the route id 'purge-expired-events' is used in file:routes/broken.camel.yaml and "
                        + "file:routes/retention.camel.yaml: give each route an id of its own"),
                Arguments.of("a misspelt setting in an address", """
                        - route:
                            id: broken-route
                            from:
                              uri: direct:broken
                              steps:
                                - to:
                                    uri: "{{paymentflow.erp.urll}}"
                        """, "The route's address names the setting paymentflow.erp.urll, which no configuration "
                        + "defines."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRouteFiles")
    void aBrokenRouteFileStopsTheProcessNamingTheFileAndPlaceWithoutAStackTrace(String what, String route,
                                                                                String message) throws Exception {
        Path workingDirectory = ServiceProcess.copyOfProjectLayout();
        Files.writeString(workingDirectory.resolve("routes/broken.camel.yaml"), route);

        try (ServiceProcess service = ServiceProcess.start(workingDirectory,
                settings(TestPostgres.get().createDatabase()), ServiceProcess.freePort())) {
            assertThat(service.awaitExit(Duration.ofSeconds(120))).isEqualTo(1);
            assertThat(service.output()).contains("APPLICATION FAILED TO START").contains(message)
                    .doesNotContain("\tat org.apache.camel");
        }
    }

    @Test
    void anAddressSettingCamelCannotCallStopsTheProcessNamingTheSettingNotTheRoute() throws Exception {
        // an engineer's route to a CRM whose address is a setting of its own, given through its variable
        Path workingDirectory = ServiceProcess.copyOfProjectLayout();
        Files.writeString(workingDirectory.resolve("routes/crm.camel.yaml"), """
                - route:
                    id: notify-crm
                    from:
                      uri: direct:notify-crm
                      steps:
                        - to:
                            uri: "{{paymentflow.crm.url}}"
                """);
        Files.writeString(workingDirectory.resolve("config/application-crm.yaml"), """
                paymentflow:
                  crm:
                    url: ${CRM_URL:}
                """);
        Map<String, String> environment = settings(TestPostgres.get().createDatabase());
        environment.put("SPRING_PROFILES_ACTIVE", "crm");
        environment.put("CRM_URL", "not a url");

        try (ServiceProcess service = ServiceProcess.start(workingDirectory, environment, ServiceProcess.freePort())) {
            assertThat(service.awaitExit(Duration.ofSeconds(120))).isEqualTo(1);
            assertThat(service.output()).contains("APPLICATION FAILED TO START")
                    .contains("The route's address comes from the setting paymentflow.crm.url (environment variable "
                            + "CRM_URL).")
                    .contains("Correct the setting").doesNotContain("Correct the route file")
                    .doesNotContain("\tat org.apache.camel");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "http:///payment-events", "ftp://erp.example/payment-events"})
    void anErpUrlThatIsNoHttpUrlWithAHostStopsStartupNamingIt(String url) {
        String database = TestPostgres.get().createDatabase();

        // without a host, Camel took it at start-up, and every delivery to the ERP failed
        assertThatThrownBy(() -> RunningService.start(database, "paymentflow.erp.url=" + url).close())
                .hasStackTraceContaining("ERP_URL is not an http(s) URL with a host");
    }

    @ParameterizedTest
    @CsvSource({
            "jdbc:postgresql://127.0.0.1:1/paymentflow, PostgreSQL refused or could not be reached (SQLSTATE 08001)",
            "postgres://127.0.0.1/paymentflow,          SPRING_DATASOURCE_URL is not a PostgreSQL JDBC URL."})
    void aDatabaseThatCannotBeUsedStopsTheProcessSayingWhyWithoutAStackTrace(String url, String reason)
            throws Exception {
        Map<String, String> environment = settings(TestPostgres.get().createDatabase());
        environment.put("SPRING_DATASOURCE_URL", url);

        try (ServiceProcess service = ServiceProcess.start(Path.of("."), environment, ServiceProcess.freePort())) {
            assertThat(service.awaitExit(Duration.ofSeconds(120))).isEqualTo(1);
            assertThat(service.output()).contains("APPLICATION FAILED TO START").contains(reason)
                    .contains("Check SPRING_DATASOURCE_URL").doesNotContain("\tat ").doesNotContain("H2, HSQL");
        }
    }

    @Test
    void anEditedRouteFileTakesEffectOnRestartWithoutRebuilding() throws Exception {
        Path workingDirectory = ServiceProcess.copyOfProjectLayout();
        Path routingTable = workingDirectory.resolve("routes/event-routing.camel.yaml");
        // an integration engineer routes a new event type to the ledger
        Files.writeString(routingTable, Files.readString(routingTable).replace(
                "${header.eventType} == 'refund.created'",
                "${header.eventType} == 'refund.created' || ${header.eventType} == 'refund.updated'"));
        ObjectNode event = PaymentEvents.event("refund.updated");

        try (RunningService service = RunningService.start(TestPostgres.get().createDatabase(),
                "camel.main.routes-include-pattern=file:" + workingDirectory.resolve("routes") + "/*.camel.yaml")) {
            service.paymentflow().send(event);

            await().atMost(Duration.ofSeconds(20)).until(() -> service.jdbc().queryForObject(
                    "SELECT count(*) FROM ledger_entries WHERE event_id = ?", Integer.class, PaymentEvents.id(event)) == 1);
        }
    }

    private static Map<String, String> settings(String database) {
        Map<String, String> environment = new HashMap<>();
        environment.put("WEBHOOK_SECRET", "whsec_process_test");
        environment.put("SPRING_DATASOURCE_URL", database);
        environment.put("ERP_URL", ENV.erpUrl());
        environment.put("SMTP_HOST", "127.0.0.1");
        environment.put("SMTP_PORT", String.valueOf(ENV.smtpPort()));
        environment.put("EMAIL_FROM", "billing@merchant.example");
        environment.put("SPRING_JMX_ENABLED", "false");
        return environment;
    }
}
