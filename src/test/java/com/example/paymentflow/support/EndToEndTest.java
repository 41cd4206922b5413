package com.example.paymentflow.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * The whole service on a random port, with its routes and configuration from routes/ and config/, against a real
 * PostgreSQL, the WireMock ERP and the GreenMail mail server of {@link TestEnvironment}. Subclasses share one
 * running context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {EndToEndTest.TEST_CONFIG, EndToEndTest.WITH_JMX})
@ActiveProfiles("test")
// metrics are exported as in production (/actuator/prometheus); Spring Boot's tests switch that off unless told
@AutoConfigureObservability(tracing = false)
public abstract class EndToEndTest {

    /** Test settings (test-config/application-test.yaml) override config/, like an operator's own file would. */
    public static final String TEST_CONFIG = "spring.config.additional-location=optional:classpath:/test-config/";

    /** The service exports its MBeans (config/application.yaml); Spring Boot's tests switch JMX off unless told. */
    public static final String WITH_JMX = "spring.jmx.enabled=true";

    protected static final TestEnvironment ENV = TestEnvironment.get();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected WebhookClient paymentflow;

    @DynamicPropertySource
    static void realParts(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
    }

    @BeforeEach
    void connectPaymentFlowAndHealthyErp() {
        paymentflow = new WebhookClient(baseUrl());
        ENV.startMail();
        ENV.erp().resetAll();
        ENV.erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH))
                .willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    protected static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50));
    }

    /** Requests the ERP received that mention the text (an event or payment id). */
    protected static List<LoggedRequest> erpRequestsMentioning(String text) {
        return ENV.erp().findAll(postRequestedFor(urlPathEqualTo(TestEnvironment.ERP_PATH))
                .withRequestBody(containing(text)));
    }

    protected int ledgerEntries(String eventId) {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_entries WHERE event_id = ?", Integer.class, eventId);
    }

    protected int storedEvents(String eventId) {
        return jdbc.queryForObject("SELECT count(*) FROM inbound_events WHERE event_id = ?", Integer.class, eventId);
    }

    /** destination -> status of the event's deliveries. */
    protected Map<String, String> deliveryStates(String eventId) {
        return deliveryStates(jdbc, eventId);
    }

    public static Map<String, String> deliveryStates(JdbcTemplate jdbc, String eventId) {
        Map<String, String> states = new java.util.TreeMap<>();
        jdbc.query("SELECT destination, status FROM deliveries WHERE event_id = ?",
                row -> {
                    states.put(row.getString("destination"), row.getString("status"));
                }, eventId);
        return states;
    }
}
