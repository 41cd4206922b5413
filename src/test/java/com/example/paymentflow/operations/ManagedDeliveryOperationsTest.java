package com.example.paymentflow.operations;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.example.paymentflow.delivery.DeliveryDestinations;
import com.example.paymentflow.delivery.DestinationPauses;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A console polls the attributes of the MBean it shows: the deliveries MBean's counts come from the latest refresh
 * of the delivery metrics, and counting the whole table is an operation, run when an operator asks.
 */
class ManagedDeliveryOperationsTest {

    private final DeliveryOperationsRepository repository = mock(DeliveryOperationsRepository.class);
    private final DeliveryCountGauges gauges = new DeliveryCountGauges(repository, mock(DeliveryDestinations.class),
            mock(DestinationPauses.class), mock(DestinationHealthRecorder.class), new SimpleMeterRegistry(),
            Duration.ofHours(1));
    private final ManagedDeliveryOperations deliveries = new ManagedDeliveryOperations(
            new DeliveryInspection(repository), gauges, null, null, null, null, null);

    @Test
    void countsAttributeIsTheLatestRefreshAndReadsNoTable() {
        assertThat(deliveries.getCounts()).as("before the first refresh").isEmpty();
        when(repository.countUndelivered()).thenReturn(List.of(
                new StatusCount("erp", "dead", 2), new StatusCount("ledger", "pending", 1)));
        gauges.refresh();

        for (int poll = 0; poll < 100; poll++) {
            assertThat(deliveries.getCounts()).isEqualTo(Map.of(
                    "erp", Map.of("pending", 0L, "failed", 0L, "dead", 2L),
                    "ledger", Map.of("pending", 1L, "failed", 0L, "dead", 0L)));
        }

        verify(repository, times(1)).countUndelivered();
        verify(repository, never()).countAll();
    }

    @Test
    void countAllCountsEveryStatusDeliveredIncluded() {
        when(repository.countAll()).thenReturn(List.of(
                new StatusCount("erp", "delivered", 7), new StatusCount("erp", "dead", 1)));

        assertThat(deliveries.countAll()).isEqualTo(Map.of(
                "erp", Map.of("pending", 0L, "failed", 0L, "dead", 1L, "delivered", 7L)));
    }
}
