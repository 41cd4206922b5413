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
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final MutableClock clock = new MutableClock();

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
                meters, clock);
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
