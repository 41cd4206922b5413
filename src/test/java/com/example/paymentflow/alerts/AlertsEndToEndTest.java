package com.example.paymentflow.alerts;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.paymentflow.delivery.DestinationPauses;
import com.example.paymentflow.operations.DeliveryCountGauges;
import com.example.paymentflow.operations.DestinationControl;
import com.example.paymentflow.operations.DestinationHealthRecorder;
import com.example.paymentflow.support.EndToEndTest;
import com.example.paymentflow.support.OperatorClient;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RunningService;
import com.example.paymentflow.support.TcpProxy;
import com.example.paymentflow.support.TestEnvironment;
import com.example.paymentflow.support.TestPostgres;
import com.example.paymentflow.support.WebhookClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.example.paymentflow.support.OperatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Every alert condition, end to end: the service (its own database, reached through a proxy the test can cut)
 * with ALERT_EMAIL_TO naming two operators and ALERT_WEBHOOK_URL, short limits instead of minutes, the GreenMail
 * inbox and a WireMock webhook. Each test starts from a quiet service (no condition open, nothing unsent) and
 * sees its alert arrive once, and its resolution once where the condition has one.
 */
class AlertsEndToEndTest {

    private static final TestEnvironment ENV = TestEnvironment.get();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String OPS = "ops-" + RUN + "@merchant.example";
    private static final String ONCALL = "oncall-" + RUN + "@merchant.example";
    private static final String HOOK = "/alert-hook-" + RUN;
    private static final String CUSTOMER = "customer@example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TcpProxy database;
    private static RunningService service;
    private static WebhookClient paymentflow;
    private int opsBefore;
    private int oncallBefore;

    @BeforeAll
    static void startTheServiceWithAlertsToTwoOperators() throws Exception {
        String url = TestPostgres.get().createDatabase();
        database = TcpProxy.forJdbcUrl(url);
        service = RunningService.start(database.rewrite(url),
                "paymentflow.alerts.email-to=" + OPS + ", " + ONCALL,
                "paymentflow.alerts.webhook-url=http://127.0.0.1:" + ENV.erp().port() + HOOK,
                "paymentflow.alerts.instance=alert-test-" + RUN,
                "paymentflow.alerts.check-interval=200ms",
                "paymentflow.alerts.signature-refusals.threshold=5",
                "paymentflow.alerts.signature-refusals.window=3s",
                "paymentflow.alerts.signature-refusals.repeat-every=1h",
                "paymentflow.alerts.dead-deliveries.group-within=2s",
                "paymentflow.alerts.failing-destination.after=2s",
                "paymentflow.alerts.backlog.oldest-due-after=2s",
                "paymentflow.alerts.database-unreachable.after=1s",
                "paymentflow.alerts.retry.initial-delay=300ms",
                "paymentflow.alerts.retry.max-delay=1s",
                "paymentflow.metrics.delivery-counts-refresh=200ms",
                // a database cut must not hold a check or a webhook for long
                "spring.datasource.hikari.connection-timeout=1000");
        paymentflow = service.paymentflow();
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (database != null) {
            database.close();
        }
    }

    /** Healthy parts, every destination delivering, no condition open, nothing left to send; then the inbox count. */
    @BeforeEach
    void quietService() throws Exception {
        ENV.startMail();
        database.restore();
        ENV.erp().resetAll();
        ENV.erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH))
                .willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
        ENV.erp().stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(200).withBody("ok")));
        for (String poller : List.of("erp", "email", "ledger")) {
            camel().getRouteController().resumeRoute(poller + "-delivery-poller");
        }
        // after a database cut, the first requests may meet connections that died with it (answered 503)
        ObjectNode payment = PaymentEvents.event("payment.succeeded");
        ObjectNode failure = PaymentEvents.event("payment.failed");
        eventually().until(() -> paymentflow.send(payment).statusCode() == 200
                && paymentflow.send(failure).statusCode() == 200);
        String succeeded = PaymentEvents.id(payment);
        String failed = PaymentEvents.id(failure);
        eventually().until(() -> deliveryStates(succeeded).equals(Map.of("erp", "delivered", "ledger", "delivered"))
                && deliveryStates(failed).equals(Map.of("email", "delivered")));
        eventually().until(() -> count("SELECT count(*) FROM open_alerts") == 0
                && count("SELECT count(*) FROM dead_delivery_alerts WHERE alerted_at IS NULL") == 0
                && unsent() == 0);
        opsBefore = inbox(OPS).size();
        oncallBefore = inbox(ONCALL).size();
        ENV.erp().resetRequests();
    }

    @AfterEach
    void resumePollersAndDestinations() throws Exception {
        for (String poller : List.of("erp", "email", "ledger")) {
            camel().getRouteController().resumeRoute(poller + "-delivery-poller");
        }
        jdbc().update("DELETE FROM paused_destinations");
    }

    @Test
    void aSurgeOfRefusedSignaturesIsAlertedOnceThenResolvedOnce() {
        for (int refused = 0; refused < 6; refused++) {
            ObjectNode forged = PaymentEvents.event("payment.succeeded");
            assertThat(paymentflow.post(PaymentEvents.bytes(forged), "0".repeat(64), "application/json").statusCode())
                    .isEqualTo(401);
        }

        List<Mail> resolved = awaitAlerts("[PaymentFlow resolved] Signature refusals on alert-test-" + RUN, 1);
        List<Mail> firing = alerts("[PaymentFlow alert] ");
        assertThat(firing).singleElement().satisfies(mail -> {
            assertThat(mail.subject()).contains("webhooks refused for their signature within 3 seconds");
            assertThat(mail.text()).contains("signature", "WEBHOOK_SECRET", "condition signature-refusals");
        });
        assertThat(resolved.get(0).text()).contains("the surge lasted from");
        eventually().untilAsserted(() -> assertThat(webhookPosts())
                .extracting(post -> post.get("state").asText() + " " + post.get("condition").asText())
                .containsExactly("firing signature-refusals", "resolved signature-refusals"));
    }

    @Test
    void deliveriesDeadWithinAMinuteAreNamedInOneAlert() {
        ObjectNode first = PaymentEvents.event("payment.succeeded");
        ObjectNode second = PaymentEvents.event("refund.created");
        erpRefuses(PaymentEvents.id(first), 400);
        erpRefuses(PaymentEvents.id(second), 400);

        send(first);
        send(second);

        List<Mail> dead = awaitAlerts("[PaymentFlow alert] 2 deliveries are dead: erp 2", 1);
        assertThat(dead.get(0).text()).contains("event " + PaymentEvents.id(first) + " to erp (delivery ",
                "event " + PaymentEvents.id(second) + " to erp (delivery ", "POST /api/deliveries/replay");
        assertThat(alerts("deliveries are dead")).hasSize(1);
        assertThat(alerts(PaymentEvents.id(first))).hasSize(1);
        // each channel sends on its own: the webhook may post after the mail went out
        eventually().untilAsserted(() -> assertThat(webhookPosts())
                .filteredOn(post -> post.get("condition").asText().equals("dead-deliveries"))
                .singleElement().satisfies(post -> assertThat(post.get("text").asText())
                        .contains(PaymentEvents.id(first), PaymentEvents.id(second))));
    }

    @Test
    void aDestinationFailingWithoutSuccessIsAlertedOnceThenResolvedOnce() {
        // the ERP is down: every request answered 503
        ENV.erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        send(PaymentEvents.event("payment.succeeded"));

        List<Mail> firing = awaitAlerts("[PaymentFlow alert] erp has been failing without a success for", 1);
        assertThat(firing.get(0).text()).contains("Attempts have failed since", "status=failed&destination=erp");

        ENV.erp().removeStub(ENV.erp().getStubMappings().stream()
                .filter(stub -> Integer.valueOf(1).equals(stub.getPriority())).findFirst().orElseThrow());
        String recovered = send(PaymentEvents.event("payment.succeeded"));
        eventually().until(() -> "delivered".equals(deliveryStates(recovered).get("erp")));

        awaitAlerts("[PaymentFlow resolved] erp is delivering again", 1);
        assertThat(alerts("erp has been failing")).hasSize(1);
    }

    @Test
    void aResolutionIsNotPostedBeforeTheAlertTheWebhookRefused() {
        StubMapping refusesFiring = ENV.erp().stubFor(post(urlPathEqualTo(HOOK)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.state", equalTo("firing")))
                .willReturn(aResponse().withStatus(503)));
        StubMapping erpDown = erpAnswers503();
        send(PaymentEvents.event("payment.succeeded"));
        awaitAlerts("[PaymentFlow alert] erp has been failing without a success for", 1);
        eventually().until(() -> !destinationFailingPosts().isEmpty());

        ENV.erp().removeStub(erpDown);
        String recovered = send(PaymentEvents.event("payment.succeeded"));
        eventually().until(() -> "delivered".equals(deliveryStates(recovered).get("erp")));
        // e-mailed: the resolution is queued for the webhook too, behind the alert it refuses
        awaitAlerts("[PaymentFlow resolved] erp is delivering again", 1);
        ENV.erp().removeStub(refusesFiring);
        eventually().until(() -> unsent() == 0);

        List<String> posts = destinationFailingPosts();
        assertThat(posts).as("the alert (refused, then taken), then its resolution").endsWith("firing", "resolved");
        assertThat(posts.subList(0, posts.size() - 1)).containsOnly("firing");
    }

    @Test
    void aPausedDestinationFailingLongerThanTheLimitIsNotAlerted() {
        StubMapping erpDown = erpAnswers503();
        DestinationControl destinations = pausedWhileFailingPastTheLimit();
        eventually().during(Duration.ofSeconds(1)).until(() -> count("SELECT count(*) FROM open_alerts "
                + "WHERE condition = 'destination-failing'") == 0 && alerts("erp has been failing").isEmpty());

        resumeOnceTheErpIsBack(destinations, erpDown);
    }

    @Test
    void aDestinationResumedStillFailingIsAlertedOnlyOnceItHasFailedForTheLimitSinceTheResume() {
        StubMapping erpDown = erpAnswers503();
        DestinationControl destinations = pausedWhileFailingPastTheLimit();

        // still down: the pause does not count, the failing-destination.after (2s) starts again
        destinations.resume("erp", "alert-test");
        eventually().during(Duration.ofMillis(1500)).until(() -> alerts("erp has been failing").isEmpty());
        awaitAlerts("[PaymentFlow alert] erp has been failing without a success for", 1);

        resumeOnceTheErpIsBack(destinations, erpDown);
        awaitAlerts("[PaymentFlow resolved] erp is delivering again", 1);
    }

    @Test
    void aCheckWhoseHealthWasReadBeforeAResumeSeesTheFailingClockTheResumeRestarted() {
        DestinationControl destinations = service.bean(DestinationControl.class);
        destinations.pause("erp", "ERP maintenance", "alert-test");
        erpFailingForAnHour();
        DestinationHealthRecorder health = service.bean(DestinationHealthRecorder.class);
        AlertOutbox outbox = mock(AlertOutbox.class);
        FailingDestinationAlerts check = new FailingDestinationAlerts(health, service.bean(DeliveryCountGauges.class),
                new OpenAlerts(jdbc(), service.bean(DestinationPauses.class), outbox), Duration.ofSeconds(2),
                "alert-test");

        // resumed between a health read (as the service's own checks make) and the check: the hour paused is not
        // failing time
        health.record();
        destinations.resume("erp", "alert-test");
        check.check(Instant.now());

        verify(outbox, never()).submit(any());
        assertThat(count("SELECT count(*) FROM open_alerts WHERE condition = 'destination-failing'")).isZero();
        jdbc().update("UPDATE destination_health SET failing_since = NULL WHERE destination = 'erp'");
    }

    @Test
    void anAlertedDestinationPausedAndResumedBetweenTwoChecksStaysAlertedWhileItFails() {
        AlertMonitor monitor = service.bean(AlertMonitor.class);
        monitor.stop();
        try {
            monitor.checkAll();
            erpFailingForAnHour();
            monitor.checkAll();
            assertThat(count("SELECT count(*) FROM open_alerts WHERE condition = 'destination-failing'")).isOne();

            // no check sees the pause: the resume restarts the failing clock, yet nothing has succeeded
            DestinationControl destinations = service.bean(DestinationControl.class);
            destinations.pause("erp", "ERP maintenance", "alert-test");
            destinations.resume("erp", "alert-test");
            monitor.checkAll();

            assertThat(count("SELECT count(*) FROM open_alerts WHERE condition = 'destination-failing'")).isOne();
            awaitAlerts("[PaymentFlow alert] erp has been failing without a success for 1 hour", 1);
        } finally {
            jdbc().update("UPDATE destination_health SET failing_since = NULL WHERE destination = 'erp'");
            monitor.start();
        }
    }

    @Test
    void aFailingDestinationPausedWhileAlertedIsResolvedAsPaused() {
        StubMapping erpDown = erpAnswers503();
        send(PaymentEvents.event("payment.succeeded"));
        awaitAlerts("[PaymentFlow alert] erp has been failing without a success for", 1);

        DestinationControl destinations = service.bean(DestinationControl.class);
        destinations.pause("erp", "ERP maintenance", "alert-test");

        List<Mail> paused = awaitAlerts("[PaymentFlow resolved] Deliveries to erp are paused: no destination-failing "
                + "alerts until they are resumed", 1);
        assertThat(paused.get(0).text()).contains("Paused by alert-test at ");
        assertThat(count("SELECT count(*) FROM open_alerts WHERE condition = 'destination-failing'")).isZero();

        resumeOnceTheErpIsBack(destinations, erpDown);
    }

    @Test
    void healthShowsEachDestinationToTheOperatorWithoutFailingReadiness() {
        OperatorClient operator = OperatorClient.operator(service.baseUrl());
        ENV.erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        send(PaymentEvents.event("payment.succeeded"));

        eventually().untilAsserted(() -> {
            HttpResponse<String> health = operator.get("/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode destinations = json(health).get("components").get("destinations");
            assertThat(destinations.get("status").asText()).isEqualTo("DEGRADED");
            JsonNode erp = destinations.get("details").get("erp");
            assertThat(erp.get("status").asText()).isEqualTo("failing");
            assertThat(Instant.parse(erp.get("failingSince").asText())).isBefore(Instant.now());
            assertThat(erp.get("backlog").get("failed").asLong()).isPositive();
            assertThat(destinations.get("details").get("ledger").get("status").asText()).isEqualTo("up");
            assertThat(destinations.get("details").get("email").has("backlog")).isTrue();
        });
        HttpResponse<String> anonymous = OperatorClient.anonymous(service.baseUrl()).get("/actuator/health");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(json(anonymous).has("components")).isFalse();
        assertThat(operator.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(operator.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        ENV.erp().removeStub(ENV.erp().getStubMappings().stream()
                .filter(stub -> Integer.valueOf(1).equals(stub.getPriority())).findFirst().orElseThrow());
        send(PaymentEvents.event("payment.succeeded"));
        eventually().untilAsserted(() -> {
            JsonNode destinations = json(operator.get("/actuator/health")).get("components").get("destinations");
            assertThat(destinations.get("status").asText()).isEqualTo("UP");
            assertThat(destinations.get("details").get("erp").get("status").asText()).isEqualTo("up");
            assertThat(destinations.get("details").get("erp").has("lastSuccess")).isTrue();
            // the failures before the success stay on record
            assertThat(destinations.get("details").get("erp").has("lastFailure")).isTrue();
        });
    }

    @Test
    void aBacklogOfDueDeliveriesIsAlertedOnceThenResolvedOnce() throws Exception {
        camel().getRouteController().suspendRoute("ledger-delivery-poller");
        String waiting = send(PaymentEvents.event("payment.succeeded"));

        List<Mail> firing = awaitAlerts("[PaymentFlow alert] The oldest due delivery to ledger has waited", 1);
        assertThat(firing.get(0).text()).contains("ledger-delivery-poller");

        camel().getRouteController().resumeRoute("ledger-delivery-poller");
        eventually().until(() -> "delivered".equals(deliveryStates(waiting).get("ledger")));
        awaitAlerts("[PaymentFlow resolved] Deliveries to ledger are on time again", 1);
        assertThat(alerts("The oldest due delivery to ledger")).hasSize(1);
    }

    @Test
    void aDestinationResumedAfterAPauseLongerThanTheBacklogLimitIsAlertedOnlyIfItsDeliveriesThenWaitTooLong()
            throws Exception {
        DestinationControl destinations = service.bean(DestinationControl.class);
        destinations.pause("ledger", "ledger maintenance", "alert-test");
        String waiting = send(PaymentEvents.event("payment.succeeded"));
        eventually().until(() -> count("SELECT count(*) FROM deliveries WHERE destination = 'ledger' "
                + "AND status = 'pending' AND next_attempt_at < now() - interval '3 seconds'") == 1);
        // its poller suspended: the delivery stays due after the resume
        camel().getRouteController().suspendRoute("ledger-delivery-poller");

        // the oldest-due-after (2s) counts from the resume, not from the start of the pause
        destinations.resume("ledger", "alert-test");
        eventually().during(Duration.ofMillis(1500)).until(() -> count("SELECT count(*) FROM open_alerts "
                + "WHERE condition = 'delivery-backlog'") == 0
                && alerts("The oldest due delivery to ledger").isEmpty());
        awaitAlerts("[PaymentFlow alert] The oldest due delivery to ledger has waited", 1);

        camel().getRouteController().resumeRoute("ledger-delivery-poller");
        eventually().until(() -> "delivered".equals(deliveryStates(waiting).get("ledger")));
        awaitAlerts("[PaymentFlow resolved] Deliveries to ledger are on time again", 1);
    }

    @Test
    void theDatabaseUnreachableIsAlertedOnceThenResolvedOnce() throws Exception {
        database.cut();

        List<Mail> firing = awaitAlerts("[PaymentFlow alert] alert-test-" + RUN + " has not reached the database", 1);
        assertThat(firing.get(0).text()).contains("Webhooks are answered 503");
        HttpResponse<String> health = OperatorClient.anonymous(service.baseUrl()).get("/actuator/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
        assertThat(json(health).get("status").asText()).isEqualTo("DOWN");

        database.restore();
        awaitAlerts("[PaymentFlow resolved] alert-test-" + RUN + " reaches the database again", 1);
        assertThat(alerts("has not reached the database")).hasSize(1);
    }

    @Test
    void anAlertThatCannotBeSentIsTriedAgainUntilItIsSent() {
        ENV.stopMail();
        ObjectNode event = PaymentEvents.event("payment.succeeded");
        erpRefuses(PaymentEvents.id(event), 400);
        send(event);

        // the webhook takes it; the e-mail waits for the mail server
        eventually().until(() -> webhookPosts().stream()
                .anyMatch(post -> post.get("text").asText().contains(PaymentEvents.id(event))));
        eventually().until(() -> unsent() > 0);

        ENV.startMail();
        opsBefore = 0;
        oncallBefore = 0;
        awaitAlerts("[PaymentFlow alert] Delivery of event " + PaymentEvents.id(event) + " to erp is dead", 1);
        eventually().until(() -> unsent() == 0);
    }

    /**
     * Alerts to OPS whose subject contains the text, received since the test began, once {@code expected} have come
     * to OPS and ONCALL alike; none carries private data.
     */
    private List<Mail> awaitAlerts(String subject, int expected) {
        // GreenMail stores the copies one recipient after the other: wait for both
        eventually().untilAsserted(() -> assertThat(alerts(subject)).hasSize(expected));
        return alerts(subject);
    }

    /** The alerts whose subject or text contains the text, in OPS's inbox since the test began; ONCALL got the same. */
    private List<Mail> alerts(String text) {
        List<Mail> toOps = inbox(OPS, text);
        assertThat(inbox(ONCALL, text)).extracting(Mail::messageId)
                .as("alerts to the second operator").containsExactlyElementsOf(toOps.stream().map(Mail::messageId).toList());
        toOps.forEach(mail -> assertNothingPrivate(mail.text()));
        return toOps;
    }

    private List<Mail> inbox(String address, String text) {
        return inbox(address).stream().skip(address.equals(OPS) ? opsBefore : oncallBefore)
                .filter(mail -> mail.subject().contains(text) || mail.text().contains(text))
                .toList();
    }

    private static List<Mail> inbox(String address) {
        GreenMail mail = ENV.mail();
        GreenMailUser user = mail.getUserManager().getUserByEmail(address);
        if (user == null) {
            return List.of();
        }
        try {
            // a copy taken under the folder's lock: getMessages() is the live list the SMTP thread appends to
            return mail.getManagers().getImapHostManager().getInbox(user).getNonDeletedMessages().stream()
                    .map(stored -> Mail.of(stored.getMimeMessage())).toList();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * With the ERP down: an event fails, erp is paused and stays failing for longer than failing-destination.after
     * (2s), through several checks.
     */
    private DestinationControl pausedWhileFailingPastTheLimit() {
        send(PaymentEvents.event("payment.succeeded"));
        eventually().until(() -> count("SELECT count(*) FROM destination_health "
                + "WHERE destination = 'erp' AND failing_since IS NOT NULL") == 1);
        DestinationControl destinations = service.bean(DestinationControl.class);
        destinations.pause("erp", "ERP maintenance", "alert-test");
        eventually().until(() -> count("SELECT count(*) FROM destination_health "
                + "WHERE destination = 'erp' AND failing_since < now() - interval '3 seconds'") == 1);
        return destinations;
    }

    /** erp as if its attempts had failed without a success for the last hour. */
    private static void erpFailingForAnHour() {
        jdbc().update("""
                INSERT INTO destination_health (destination, failing_since) VALUES ('erp', now() - interval '1 hour')
                ON CONFLICT (destination) DO UPDATE SET failing_since = now() - interval '1 hour'""");
    }

    /** The ERP answers again and erp is resumed: a new event is delivered and erp is no longer failing. */
    private void resumeOnceTheErpIsBack(DestinationControl destinations, StubMapping erpDown) {
        ENV.erp().removeStub(erpDown);
        String waiting = send(PaymentEvents.event("payment.succeeded"));
        destinations.resume("erp", "alert-test");
        eventually().until(() -> "delivered".equals(deliveryStates(waiting).get("erp")));
        eventually().until(() -> count("SELECT count(*) FROM destination_health "
                + "WHERE destination = 'erp' AND failing_since IS NULL") == 1);
    }

    private static List<JsonNode> webhookPosts() {
        List<JsonNode> posts = new ArrayList<>();
        for (LoggedRequest request : ENV.erp().findAll(postRequestedFor(urlPathEqualTo(HOOK)))) {
            assertThat(request.getHeader("Content-Type")).startsWith("application/json");
            assertNothingPrivate(request.getBodyAsString());
            try {
                posts.add(JSON.readTree(request.getBodyAsString()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return posts;
    }

    /** No customer e-mail address, payload field or secret in an alert. */
    private static void assertNothingPrivate(String text) {
        assertThat(text).doesNotContain(CUSTOMER, "Jane Doe", "2999", WebhookClient.TEST_SECRET, "whsec_");
    }

    private record Mail(String messageId, String subject, String text) {
        static Mail of(MimeMessage message) {
            try {
                return new Mail(message.getMessageID(), message.getSubject(), GreenMailUtil.getBody(message));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String send(ObjectNode event) {
        assertThat(paymentflow.send(event).statusCode()).isEqualTo(200);
        return PaymentEvents.id(event);
    }

    /** The ERP down: every delivery answered 503. */
    private static StubMapping erpAnswers503() {
        return ENV.erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
    }

    /** The states of the destination-failing posts to the webhook, refused ones included, in the order they came. */
    private static List<String> destinationFailingPosts() {
        return webhookPosts().stream().filter(post -> post.get("condition").asText().equals("destination-failing"))
                .map(post -> post.get("state").asText()).toList();
    }

    private static void erpRefuses(String eventId, int status) {
        ENV.erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH)).withRequestBody(containing(eventId))
                .atPriority(1).willReturn(aResponse().withStatus(status)));
    }

    private static Map<String, String> deliveryStates(String eventId) {
        return EndToEndTest.deliveryStates(jdbc(), eventId);
    }

    private static long count(String sql) {
        return jdbc().queryForObject(sql, Long.class);
    }

    private static double unsent() {
        return service.bean(MeterRegistry.class).get("paymentflow.alerts.unsent").gauge().value();
    }

    private static JdbcTemplate jdbc() {
        return service.jdbc();
    }

    private static CamelContext camel() {
        return service.bean(CamelContext.class);
    }

    private static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100));
    }
}
