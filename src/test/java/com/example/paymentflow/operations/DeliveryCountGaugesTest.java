package com.example.paymentflow.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.example.paymentflow.delivery.DeliveryDestinations;
import com.example.paymentflow.delivery.DestinationPauses;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The gauges read memory on every scrape and the database once per refresh. */
class DeliveryCountGaugesTest {

    private final DeliveryOperationsRepository repository = mock(DeliveryOperationsRepository.class);
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final DestinationPauses pauses = mock(DestinationPauses.class);
    private final DestinationHealthRecorder health = mock(DestinationHealthRecorder.class);
    private final DeliveryCountGauges gauges = new DeliveryCountGauges(repository, mock(DeliveryDestinations.class),
            pauses, health, meters, Duration.ofMillis(20));

    @AfterEach
    void stopRefreshing() {
        gauges.stop();
    }

    @Test
    void scrapesReadTheCountsOfTheLastRefreshWithoutQuerying() {
        when(repository.countUndelivered()).thenReturn(List.of(
                new StatusCount("erp", "dead", 2), new StatusCount("ledger", "pending", 1)));

        gauges.refresh();
        for (int scrape = 0; scrape < 100; scrape++) {
            assertThat(value("erp", "dead")).isEqualTo(2);
        }

        verify(repository, times(1)).countUndelivered();
        assertThat(value("erp", "pending")).isZero();
        assertThat(value("erp", "failed")).isZero();
        assertThat(value("ledger", "pending")).isEqualTo(1);
        assertThat(meters.find(DeliveryCountGauges.METRIC).tag("status", "delivered").gauge()).isNull();
    }

    @Test
    void aDestinationFailingWithoutASuccessReportsForHowLong() {
        Instant readAt = Instant.parse("2026-11-30T10:00:00Z");
        when(repository.countUndelivered()).thenReturn(List.of(
                new StatusCount("erp", "failed", 1), new StatusCount("ledger", "pending", 1)));
        when(health.latest()).thenReturn(Map.of(
                "erp", new DestinationHealth("erp", readAt.minusSeconds(720), null, readAt, null, readAt),
                "ledger", new DestinationHealth("ledger", null, readAt, null, null, readAt)));

        gauges.refresh();

        assertThat(failingSeconds("erp")).isEqualTo(720);
        assertThat(failingSeconds("ledger")).isZero();
    }

    @Test
    void destinationsWithDeliveriesAtStartupReportZerosFromTheFirstRefresh() {
        when(repository.destinations()).thenReturn(List.of("erp", "ledger"));
        when(repository.countUndelivered()).thenReturn(List.of(new StatusCount("erp", "failed", 1)));

        gauges.refresh();
        gauges.refresh();

        assertThat(value("erp", "failed")).isEqualTo(1);
        assertThat(value("ledger", "pending")).isZero();
        assertThat(value("ledger", "failed")).isZero();
        assertThat(value("ledger", "dead")).isZero();
        verify(repository, times(1)).destinations();
    }

    @Test
    void destinationWithNothingLeftUndeliveredReportsZeroInsteadOfVanishing() {
        when(repository.countUndelivered())
                .thenReturn(List.of(new StatusCount("email", "failed", 3)))
                .thenReturn(List.of());

        gauges.refresh();
        gauges.refresh();

        assertThat(value("email", "failed")).isZero();
    }

    @Test
    void refreshesRunOnTheirOwnAndOutliveAnUnreachableDatabase() {
        when(repository.countUndelivered())
                .thenThrow(new DataAccessResourceFailureException("database unreachable"))
                .thenReturn(List.of(new StatusCount("erp", "failed", 4)));

        gauges.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> meters.find(DeliveryCountGauges.METRIC)
                .tag("destination", "erp").tag("status", "failed").gauge() != null && value("erp", "failed") == 4);
        verify(repository, atLeast(2)).countUndelivered();
    }

    @Test
    void oldestDueAgeIsReportedInSecondsAndZeroWhenNothingIsDue() {
        when(repository.countUndelivered()).thenReturn(List.of(
                new StatusCount("erp", "failed", 3), new StatusCount("ledger", "dead", 1)));
        when(repository.oldestDueAges(org.mockito.ArgumentMatchers.anyCollection()))
                .thenReturn(Map.of("erp", Duration.ofMillis(1500)));

        gauges.refresh();

        assertThat(oldestDue("erp")).isEqualTo(1.5);
        assertThat(oldestDue("ledger")).isZero();
        assertThat(meters.get(DeliveryCountGauges.OLDEST_DUE_METRIC).gauge().getId().getBaseUnit())
                .isEqualTo("seconds");
        assertThat(gauges.latest()).hasValueSatisfying(snapshot -> {
            assertThat(snapshot.destinations().get("erp"))
                    .isEqualTo(new DestinationBacklog("erp", 0, 3, 0, Duration.ofMillis(1500)));
            assertThat(snapshot.destinations().get("ledger").dead()).isEqualTo(1);
        });
    }

    @Test
    void aPausedDestinationIsFlaggedOneUntilItIsResumed() {
        when(repository.countUndelivered()).thenReturn(List.of(
                new StatusCount("erp", "pending", 2), new StatusCount("ledger", "pending", 1)));
        when(pauses.all()).thenReturn(Map.of("erp",
                new DestinationPauses.Pause("maintenance", "ops", java.time.Instant.now())))
                .thenReturn(Map.of());

        gauges.refresh();
        assertThat(paused("erp")).isEqualTo(1);
        assertThat(paused("ledger")).isZero();

        gauges.refresh();
        assertThat(paused("erp")).isZero();
    }

    @Test
    void noSnapshotBeforeTheFirstRefresh() {
        assertThat(gauges.latest()).isEmpty();
    }

    private double paused(String destination) {
        return meters.get(DeliveryCountGauges.PAUSED_METRIC).tag("destination", destination).gauge().value();
    }

    private double oldestDue(String destination) {
        return meters.get(DeliveryCountGauges.OLDEST_DUE_METRIC).tag("destination", destination).gauge().value();
    }

    private double value(String destination, String status) {
        return meters.get(DeliveryCountGauges.METRIC).tag("destination", destination).tag("status", status).gauge()
                .value();
    }

    private double failingSeconds(String destination) {
        return meters.get(DeliveryCountGauges.FAILING_METRIC).tag("destination", destination).gauge().value();
    }
}
