package com.example.paymentflow.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.example.paymentflow.logging.SummarizedLogs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One alert when a surge begins, reminders at most every repeat interval while it lasts, one when it is over. */
class SignatureRefusalSurgeTest {

    private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final RecordingChannel channel = new RecordingChannel();
    private final AlertOutbox outbox = new AlertOutbox(List.of(channel),
            new AlertProperties.Retry(Duration.ofSeconds(1), Duration.ofSeconds(1)), meters, new SummarizedLogs(),
            Clock.systemUTC());
    private final SignatureRefusalSurge surge = new SignatureRefusalSurge(meters, outbox,
            new AlertProperties.SignatureRefusals(20, Duration.ofMinutes(5), Duration.ofMinutes(15)), "pf-1", START);

    @Test
    void twentyRefusalsWithinFiveMinutesAreOneAlert() {
        checkAt(0);
        refuse("signature_mismatch", 19);
        checkAt(1);
        assertThat(states()).isEmpty();

        refuse("signature_missing", 1);
        checkAt(2);
        checkAt(3);

        assertThat(states()).containsExactly(AlertState.FIRING);
        assertThat(channel.sent.get(0).title()).isEqualTo("20 webhooks refused for their signature within 5 minutes on pf-1");
        assertThat(channel.sent.get(0).details()).anySatisfy(line -> assertThat(line)
                .contains("signature_mismatch 19", "signature_missing 1"));
    }

    @Test
    void refusalsBeforeTheFirstCheckCount() {
        refuse("signature_mismatch", 25);
        checkAt(0);

        assertThat(states()).containsExactly(AlertState.FIRING);
        assertThat(channel.sent.get(0).title()).startsWith("25 webhooks refused");
    }

    @Test
    void refusalsSpreadWiderThanTheWindowAreNoSurge() {
        for (int minute = 0; minute <= 30; minute++) {
            refuse("signature_mismatch", 3);
            checkAt(minute);
        }

        assertThat(states()).isEmpty();
    }

    @Test
    void whileItLastsARemindsAtMostEveryFifteenMinutesThenResolvesOnce() {
        checkAt(0);
        for (int minute = 1; minute <= 40; minute++) {
            refuse("signature_mismatch", 10);
            checkAt(minute);
        }
        // the last ten refusals leave the five-minute window at minute 44
        for (int minute = 41; minute <= 50; minute++) {
            checkAt(minute);
        }

        assertThat(states()).containsExactly(AlertState.FIRING, AlertState.ONGOING, AlertState.ONGOING,
                AlertState.RESOLVED);
        assertThat(channel.sent).extracting(Alert::at).containsExactly(START.plusSeconds(120),
                START.plusSeconds(17 * 60), START.plusSeconds(32 * 60), START.plusSeconds(44 * 60));
    }

    @Test
    void otherRefusalsDoNotCount() {
        checkAt(0);
        refuse("payload_too_large", 100);
        refuse("malformed_event", 100);
        checkAt(1);

        assertThat(states()).isEmpty();
    }

    private void refuse(String reason, int times) {
        Counter.builder(SignatureRefusalSurge.REFUSALS).tag("reason", reason).register(meters).increment(times);
    }

    private void checkAt(int minute) {
        surge.check(START.plusSeconds(minute * 60L));
        outbox.sendDue();
    }

    private List<AlertState> states() {
        return channel.sent.stream().map(Alert::state).toList();
    }
}
