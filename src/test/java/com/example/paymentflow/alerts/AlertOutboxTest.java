package com.example.paymentflow.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.example.paymentflow.logging.SummarizedLogs;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Alerts are logged with a stable marker, and an alert a channel refuses is tried again until it is taken. */
class AlertOutboxTest {

    private static final Alert ALERT = new Alert(AlertCondition.DESTINATION_FAILING, AlertState.FIRING, "erp",
            "erp has been failing without a success for 10 minutes", List.of("Deliveries waiting: 3 failed."),
            "pf-1", Instant.parse("2026-11-28T10:00:00Z"));
    private static final Alert RESOLVED = new Alert(AlertCondition.DESTINATION_FAILING, AlertState.RESOLVED, "erp",
            "erp is delivering again", List.of("A delivery attempt succeeded."), "pf-1",
            Instant.parse("2026-11-28T10:00:05Z"));

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final MutableClock clock = new MutableClock();
    private final SummarizedLogs logs = new SummarizedLogs();

    @BeforeEach
    void captureTheLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(AlertOutbox.class)).addAppender(log);
    }

    @AfterEach
    void releaseTheLog() {
        ((Logger) LoggerFactory.getLogger(AlertOutbox.class)).detachAppender(log);
    }

    @Test
    void withoutChannelsAnAlertIsLoggedAtErrorWithTheMarker() {
        AlertOutbox outbox = outbox(List.of());

        outbox.submit(ALERT);

        assertThat(log.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getMarkerList()).extracting(Object::toString).containsExactly(AlertOutbox.MARKER);
            assertThat(event.getFormattedMessage()).isEqualTo("ALERT FIRING destination-failing/erp: erp has been "
                    + "failing without a success for 10 minutes | Deliveries waiting: 3 failed.");
        });
        assertThat(unsent()).isZero();
    }

    @Test
    void withAChannelTheAlertIsLoggedAtWarnAndSent() {
        RecordingChannel channel = new RecordingChannel();
        AlertOutbox outbox = outbox(List.of(channel));

        outbox.submit(ALERT);
        outbox.sendDue();

        assertThat(channel.sent).containsExactly(ALERT);
        assertThat(log.list).filteredOn(event -> event.getMarkerList() != null)
                .singleElement().satisfies(event -> assertThat(event.getLevel()).isEqualTo(Level.WARN));
    }

    @Test
    void anAlertThatIsNotTakenIsTriedAgainWithBackoffUntilItIs() {
        RecordingChannel channel = new RecordingChannel();
        channel.refusals = 3;
        AlertOutbox outbox = outbox(List.of(channel));

        outbox.submit(ALERT);
        outbox.sendDue();
        assertThat(unsent()).isEqualTo(1);
        outbox.sendDue();
        assertThat(channel.attempts).as("not due before its delay").isEqualTo(1);

        clock.advance(Duration.ofSeconds(10));
        outbox.sendDue();
        clock.advance(Duration.ofSeconds(19));
        outbox.sendDue();
        assertThat(channel.attempts).as("the second delay is twice the first").isEqualTo(2);
        clock.advance(Duration.ofSeconds(1));
        outbox.sendDue();
        clock.advance(Duration.ofSeconds(40));
        outbox.sendDue();

        assertThat(channel.sent).containsExactly(ALERT);
        assertThat(channel.attempts).isEqualTo(4);
        assertThat(unsent()).isZero();
        assertThat(log.list).filteredOn(event -> event.getFormattedMessage().contains("not sent")).hasSize(3);
    }

    @Test
    void aRefusalIsLoggedWithoutTheChannelsUrlWhoseTokenIsASecret() {
        AlertChannel refusing = new AlertChannel() {
            @Override
            public String name() {
                return "webhook";
            }

            @Override
            public void send(Alert alert) {
                throw new RuntimeCamelException(new HttpOperationFailedException(
                        "https://hooks.example.com/services/T0SECRET/B0SECRET/xoxTOKEN", 400, "Bad Request", null,
                        null, "invalid_token"));
            }
        };
        AlertOutbox outbox = outbox(List.of(refusing));

        outbox.submit(ALERT);
        outbox.sendDue();

        assertThat(log.list).filteredOn(event -> event.getFormattedMessage().contains("not sent"))
                .singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                        .contains("https://hooks.example.com/...", "statusCode: 400")
                        .doesNotContain("SECRET", "TOKEN"));
    }

    @Test
    void aResolutionWaitsBehindItsAlertOnAChannelThatRefusedTheAlert() {
        RecordingChannel channel = new RecordingChannel();
        channel.refusals = 1;
        AlertOutbox outbox = outbox(List.of(channel));

        outbox.submit(ALERT);
        outbox.sendDue();
        outbox.submit(RESOLVED);
        outbox.sendDue();
        assertThat(channel.sent).as("nothing overtakes the alert being retried").isEmpty();

        clock.advance(Duration.ofSeconds(10));
        outbox.sendDue();

        assertThat(channel.sent).containsExactly(ALERT, RESOLVED);
        assertThat(unsent()).isZero();
    }

    @Test
    void aChannelThatIsDownIsTriedOncePerRoundWhileAnotherSendsEverything() {
        RecordingChannel down = new RecordingChannel("e-mail");
        down.refusals = 100;
        RecordingChannel up = new RecordingChannel("webhook");
        AlertOutbox outbox = outbox(List.of(down, up));
        Alert other = new Alert(AlertCondition.DELIVERY_BACKLOG, AlertState.FIRING, "ledger",
                "The oldest due delivery to ledger has waited 20 minutes", List.of(), "pf-1", ALERT.at());

        outbox.submit(ALERT);
        outbox.submit(other);
        outbox.submit(RESOLVED);
        outbox.sendDue();

        assertThat(down.attempts).as("one attempt for the three alerts waiting").isEqualTo(1);
        assertThat(up.sent).containsExactly(ALERT, other, RESOLVED);
        clock.advance(Duration.ofSeconds(10));
        outbox.sendDue();
        clock.advance(Duration.ofSeconds(19));
        outbox.sendDue();
        assertThat(down.attempts).as("the channel waits twice the first delay").isEqualTo(2);
        assertThat(unsent()).isEqualTo(3);
        assertThat(log.list).filteredOn(event -> event.getFormattedMessage().contains("not sent by e-mail"))
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Alert destination-failing/erp (FIRING) not sent by e-mail (attempt 1), trying "
                                + "again in 10 s: mail server unreachable",
                        "Alert destination-failing/erp (FIRING) not sent by e-mail (attempt 2), trying "
                                + "again in 20 s: mail server unreachable");

        down.refusals = 0;
        clock.advance(Duration.ofSeconds(1));
        outbox.sendDue();
        assertThat(down.sent).containsExactly(ALERT, other, RESOLVED);
        assertThat(unsent()).isZero();
    }

    @Test
    void beyondTheCapacityTheOldestAlertsAreDroppedAndLoggedInSummary() {
        RecordingChannel channel = new RecordingChannel();
        channel.refusals = 1;
        AlertOutbox outbox = outbox(List.of(channel));
        List<Alert> alerts = java.util.stream.IntStream.range(0, AlertOutbox.CAPACITY + 3)
                .mapToObj(n -> new Alert(AlertCondition.DEAD_DELIVERIES, AlertState.FIRING, "erp",
                        "Delivery of event evt_" + n + " to erp is dead", List.of(), "pf-1", ALERT.at()))
                .toList();

        logs.start();
        try {
            alerts.forEach(outbox::submit);
            outbox.sendDue();

            assertThat(unsent()).isEqualTo(AlertOutbox.CAPACITY);
            assertThat(log.list).filteredOn(event -> event.getFormattedMessage().contains("dropped"))
                    .singleElement().satisfies(event -> {
                        assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                        assertThat(event.getMarkerList()).extracting(Object::toString)
                                .containsExactly(AlertOutbox.MARKER);
                        assertThat(event.getFormattedMessage()).isEqualTo("ALERT not sent by recording, dropped: "
                                + "more than 1000 alerts wait to be sent: dead-deliveries/erp Delivery of event evt_0 "
                                + "to erp is dead");
                    });
        } finally {
            logs.stop();
        }

        // the count held back within its minute is written at stop at the latest
        assertThat(log.list).filteredOn(event -> event.getFormattedMessage().contains("dropped"))
                .last().satisfies(event -> {
                    assertThat(event.getMarkerList()).extracting(Object::toString).containsExactly(AlertOutbox.MARKER);
                    assertThat(event.getFormattedMessage()).startsWith("ALERT not sent by recording, dropped: 2 more "
                            + "in the 60 s after the line above; the latest: ").endsWith("evt_2 to erp is dead");
                });
        clock.advance(Duration.ofSeconds(10));
        outbox.sendDue();
        assertThat(channel.sent).hasSize(AlertOutbox.CAPACITY).first().isEqualTo(alerts.get(3));
        assertThat(channel.sent).last().isEqualTo(alerts.get(alerts.size() - 1));
    }

    @Test
    void whatIsUnsentAtShutdownIsLoggedAtError() {
        RecordingChannel channel = new RecordingChannel();
        channel.refusals = 100;
        AlertOutbox outbox = outbox(List.of(channel));
        outbox.start();

        outbox.submit(ALERT);
        outbox.stop();

        assertThat(log.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).contains("not sent by recording before shutdown",
                    "destination-failing/erp");
        });
    }

    private AlertOutbox outbox(List<AlertChannel> channels) {
        return new AlertOutbox(channels, new AlertProperties.Retry(Duration.ofSeconds(10), Duration.ofMinutes(10)),
                meters, logs, clock);
    }

    private double unsent() {
        return meters.get("paymentflow.alerts.unsent").gauge().value();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-28T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
