package com.example.paymentflow.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import com.example.paymentflow.support.PaymentEvents;
import com.example.paymentflow.support.RunningService;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** With no database configured the service runs on its own PostgreSQL, whose data survives a restart. */
class EmbeddedPostgresDefaultTest {

    @Test
    void runsWithoutAConfiguredDatabaseAndRemembersProcessedEventsAcrossARestart() throws Exception {
        Path home = Files.createTempDirectory("paymentflow-embedded",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Map<String, String> noDatabase = Map.of("paymentflow.embedded-postgres.data-directory",
                home.resolve("postgres").toString());
        ObjectNode event = PaymentEvents.event("payment.failed");

        try (RunningService first = RunningService.startWith(noDatabase)) {
            assertThat(first.paymentflow().send(event).body()).isEqualTo("Webhook received");
        }
        assertThat(home.resolve("postgres").resolve("PG_VERSION")).exists();

        try (RunningService second = RunningService.startWith(noDatabase)) {
            assertThat(second.paymentflow().send(event).body()).isEqualTo("Event already processed");
            assertThat(second.jdbc().queryForObject("SELECT count(*) FROM inbound_events WHERE event_id = ?",
                    Integer.class, PaymentEvents.id(event))).isEqualTo(1);
        }
    }
}
