package com.example.paymentflow.logging;

import java.time.Duration;

import com.example.paymentflow.support.CapturedLog;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Summaries are written by the logs' own schedule once their window has passed, and at stop whatever is held. */
class SummarizedLogsTest {

    private static final Logger LOG = LoggerFactory.getLogger(SummarizedLogsTest.class);

    @Test
    void aSummaryIsWrittenWhenItsWindowHasPassedWithoutAnotherLineOfItsKind() {
        SummarizedLogs logs = new SummarizedLogs(Duration.ofMillis(50));
        SummarizedLog log = logs.create(LOG, Level.WARN, Duration.ofMillis(200));
        try (CapturedLog captured = CapturedLog.start()) {
            logs.start();
            for (int line = 1; line <= 5; line++) {
                log.log("refunds refused", "refund " + line + " refused");
            }
            assertThat(captured.linesOf(LOG)).containsExactly("refund 1 refused");

            await().atMost(Duration.ofSeconds(5)).until(() -> captured.linesOf(LOG).size() == 2);
            assertThat(captured.linesOf(LOG).get(1))
                    .startsWith("refunds refused: 4 more").endsWith("the latest: refund 5 refused");
        } finally {
            logs.stop();
        }
    }

    @Test
    void whatIsHeldBackIsWrittenAtStop() {
        SummarizedLogs logs = new SummarizedLogs(Duration.ofHours(1));
        SummarizedLog log = logs.create(LOG, Level.WARN, Duration.ofHours(1));
        try (CapturedLog captured = CapturedLog.start()) {
            logs.start();
            log.log("mails refused", "mail 1 refused");
            log.log("mails refused", "mail 2 refused");

            logs.stop();

            assertThat(captured.linesOf(LOG)).containsExactly("mail 1 refused",
                    "mails refused: 1 more in the 3600 s after the line above; the latest: mail 2 refused");
        }
    }
}
