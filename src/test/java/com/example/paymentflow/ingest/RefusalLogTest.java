package com.example.paymentflow.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Refusals in summary: one line per interval with counts per source address and reason, bounded. */
@ExtendWith(OutputCaptureExtension.class)
class RefusalLogTest {

    private final RefusalLog log = new RefusalLog(Duration.ofMinutes(1),
            Clock.fixed(Instant.parse("2026-11-28T10:41:00Z"), ZoneOffset.UTC));

    @Test
    void manyRefusalsAreOneLineWithCountsPerSourceAndReason(CapturedOutput output) {
        for (int i = 0; i < 939; i++) {
            log.record("203.0.113.9", "signature_mismatch");
        }
        log.record("198.51.100.4", "payload_too_large");
        log.record("203.0.113.9", "malformed_event");

        log.flush();

        assertThat(output.getOut().lines().filter(line -> line.contains("RefusalLog"))).singleElement().asString()
                .contains("Refused 941 webhook requests since 2026-11-28T10:41:00Z: 939 from 203.0.113.9 "
                        + "(signature_mismatch), ")
                .contains("1 from 198.51.100.4 (payload_too_large)")
                .contains("1 from 203.0.113.9 (malformed_event)");
    }

    @Test
    void eachLineCountsOnlyWhatCameSinceThePreviousAndNothingIsNoLine(CapturedOutput output) {
        log.record("203.0.113.9", "signature_missing");
        log.flush();
        log.flush();
        log.record("203.0.113.9", "signature_missing");
        log.flush();

        assertThat(output.getOut().lines().filter(line -> line.contains("RefusalLog")))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("Refused 1 webhook requests"));
    }

    @Test
    void beyondFiftySourcesTheRestAreCountedTogether(CapturedOutput output) {
        for (int i = 0; i < RefusalLog.MAX_SOURCES + 30; i++) {
            log.record("10.0.0." + i, "signature_mismatch");
        }

        log.flush();

        assertThat(output.getOut()).contains("Refused 80 webhook requests", "30 from other sources")
                .doesNotContain("10.0.0." + (RefusalLog.MAX_SOURCES + 1) + " ");
    }
}
