package com.example.paymentflow.delivery;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RunningService;
import com.example.paymentflow.support.TestEnvironment;
import com.example.paymentflow.support.TestPostgres;
import com.example.paymentflow.support.WebhookClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two instances on one database: duplicate storms across both give one processing and one delivery each. */
class MultiInstanceTest {

    private static final TestEnvironment ENV = TestEnvironment.get();

    @Test
    void twoInstancesShareTheWorkWithoutDoingAnythingTwice() throws Exception {
        ENV.erp().stubFor(post(urlPathEqualTo(TestEnvironment.ERP_PATH))
                .willReturn(aResponse().withStatus(200).withFixedDelay(20)));
        String database = TestPostgres.get().createDatabase();
        try (RunningService first = RunningService.start(database);
             RunningService second = RunningService.start(database)) {
            List<WebhookClient> instances = List.of(first.paymentflow(), second.paymentflow());
            List<ObjectNode> events = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                events.add(PaymentEvents.event(i % 3 == 0 ? "refund.created" : "payment.succeeded"));
            }
            int copies = 6;

            Map<String, List<String>> answersByEvent = sendStorm(events, copies, instances);

            for (ObjectNode event : events) {
                List<String> answers = answersByEvent.get(PaymentEvents.id(event));
                assertThat(answers).hasSize(copies).containsOnlyOnce("Webhook received")
                        .filteredOn("Event already processed"::equals).hasSize(copies - 1);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> first.jdbc().queryForObject(
                    "SELECT count(*) FROM deliveries WHERE status <> 'delivered'", Integer.class) == 0);
            assertThat(first.jdbc().queryForObject("SELECT count(*) FROM deliveries", Integer.class))
                    .isEqualTo(events.size() * 2);
            for (ObjectNode event : events) {
                String eventId = PaymentEvents.id(event);
                assertThat(ENV.erp().findAll(postRequestedFor(urlPathEqualTo(TestEnvironment.ERP_PATH))
                        .withRequestBody(containing(eventId)))).as(eventId).hasSize(1);
            }
            assertThat(first.jdbc().queryForObject("SELECT count(*) FROM ledger_entries", Integer.class))
                    .isEqualTo(events.size());
            assertThat(first.jdbc().queryForObject(
                    "SELECT count(*) FROM delivery_attempts WHERE outcome <> 'delivered'", Integer.class)).isZero();
        }
    }

    /** Sends every event {@code copies} times, spread over the instances, all at once; answers per event id. */
    private static Map<String, List<String>> sendStorm(List<ObjectNode> events, int copies,
                                                       List<WebhookClient> instances) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(24);
        try {
            List<Future<Map.Entry<String, String>>> sent = new ArrayList<>();
            for (int copy = 0; copy < copies; copy++) {
                for (ObjectNode event : events) {
                    WebhookClient instance = instances.get((copy + events.indexOf(event)) % instances.size());
                    sent.add(senders.submit(() -> {
                        HttpResponse<String> answer = instance.send(event);
                        assertThat(answer.statusCode()).isEqualTo(200);
                        return Map.entry(PaymentEvents.id(event), answer.body());
                    }));
                }
            }
            List<Map.Entry<String, String>> answers = new ArrayList<>();
            for (Future<Map.Entry<String, String>> answer : sent) {
                answers.add(answer.get());
            }
            return answers.stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                    Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        } finally {
            senders.shutdownNow();
        }
    }
}
