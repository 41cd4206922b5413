package com.example.paymentflow.endpoint;

import java.time.Duration;

import com.example.paymentflow.support.OperatorClient;
import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RunningService;
import com.example.paymentflow.support.TestPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The off switch lives in the database: every instance on it obeys, and a restart keeps it. */
class EndpointSwitchInstancesTest {

    @Test
    void aSwitchThrownOnOneInstanceHoldsOnTheOthersAndAcrossARestart() {
        String database = TestPostgres.get().createDatabase();
        try (RunningService first = RunningService.start(database)) {
            try (RunningService second = RunningService.start(database)) {
                assertThat(OperatorClient.operator(first.baseUrl()).post("/api/endpoint/disable", "application/json",
                        "{\"reason\": \"rotating the secret\"}").statusCode()).isEqualTo(200);

                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                        second.paymentflow().send(PaymentEvents.event("payment.succeeded")).statusCode() == 503);
            }
            try (RunningService restarted = RunningService.start(database)) {
                assertThat(restarted.paymentflow().send(PaymentEvents.event("payment.succeeded")).statusCode())
                        .isEqualTo(503);
                assertThat(restarted.bean(EndpointSwitch.class).state().reason()).isEqualTo("rotating the secret");

                assertThat(OperatorClient.operator(restarted.baseUrl()).post("/api/endpoint/enable", "application/json",
                        "{}").statusCode()).isEqualTo(200);

                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                        first.paymentflow().send(PaymentEvents.event("payment.succeeded")).statusCode() == 200);
            }
        }
    }
}
